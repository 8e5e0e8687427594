using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.Certificates;

[Activity("ExportTaxCheck", "Return case", "Stage 6: applies for one certificate per original export document (E-17) and runs the 数据自检 (V-01..V-15) before tax review.", DisplayName = "Apply for Certificate")]
[Outcomes("Applied", "SelfCheckFailed")]
public sealed class ApplyCertificate : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForExportDocsAsync(session.File.ActiveLines.Select(l => l.Export.ExportReference), context.CancellationToken);
        var ofCase = store.OfCase(registry, session.CaseId).ToList();
        var options = CaseSteps.Options(context);
        var failures = new List<string>();

        foreach (var group in session.File.ActiveLines.GroupBy(l => l.Export.ExportReference))
        {
            if (ofCase.Any(c => c.ExportDocNo == group.Key && c.Status is not (CertificateStatus.Cancelled or CertificateStatus.Refused)))
                continue;
            var lines = group.ToList();
            var application = Build(session.Case, lines, context.Now);
            var submitted = registry.Submit(application);
            var checkedResult = submitted.Registry.CompleteSelfCheck(application.ApplicationId, CertificateSelfCheck.Run(application, lines, options));
            registry = checkedResult.Registry;
            if (!checkedResult.Succeeded)
            {
                registry = submitted.Registry;
                failures.AddRange(checkedResult.RefusalCodes);
            }
        }

        if (failures.Count > 0)
        {
            await session.SetStatusAsync(ReturnCaseStatus.CertificateRefused, context.Now, "The certificate application failed its self-check.", failures.Distinct().ToList(),
                CaseNotifications.CaseRejected, ct: context.CancellationToken);
            store.Save(registry, session.CaseId, context.Now);
            return Outcome("SelfCheckFailed");
        }

        store.Save(registry, session.CaseId, context.Now);
        await session.SetStatusAsync(ReturnCaseStatus.CertificateApplication, context.Now, "The certificate application passed its self-check and awaits the tax officer.", ct: context.CancellationToken);
        return Outcome("Applied");
    }

    private static Certificate Build(ReturnCase returnCase, IReadOnlyList<ReturnCaseLine> lines, DateTimeOffset now)
    {
        var export = lines[0].Export;
        var variant = lines.Any(l => l.Refund.IsRefunded) ? CertificateVariant.TaxPaid : CertificateVariant.NotRefunded;
        var method = lines.Select(l => l.MakeUp?.Method).FirstOrDefault(m => m is not null and not MakeUpMethod.None) ?? MakeUpMethod.None;
        return new Certificate
        {
            ApplicationId = Guid.CreateVersion7(),
            SubmittedAt = now,
            Variant = variant,
            RefundStatusOnCert = RefundRules.RefundStatusOnCertificate(variant, method),
            IssuingTaxAuthorityCode = returnCase.CompetentTaxAuthorityCode,
            EnterpriseUscc = returnCase.ExporterUscc,
            EnterpriseName = returnCase.ExporterName,
            EnterpriseCustomsCode = returnCase.ExporterCustomsCode,
            AgentUscc = returnCase.IsEntrustedExport ? returnCase.AgentUscc : null,
            ExportDocType = export.DocType,
            ExportDeclarationNo = export.DeclarationNo,
            ExportListNo = export.ListNo,
            Lines = lines.Select(l => new CertificateLine
            {
                ExportItemNo = l.Export.ItemNo,
                HsCode = l.Export.HsCode,
                GoodsName = l.Export.GoodsName,
                UnitCode = l.Export.LegalUnitCode,
                ExportedQty = l.Export.ExportedQty,
                ReturnedQty = l.ReturnedQty,
                Reason = l.Reason,
                VatRefundedOnLine = l.Refund.VatRefunded,
                CtRefundedOnLine = l.Refund.CtRefunded,
                MakeUpVat = l.MakeUp?.MakeUpVat ?? 0,
                MakeUpCt = l.MakeUp?.MakeUpCt ?? 0,
                ReversalMdt = l.MakeUp?.ReversalMdt ?? 0,
            }).ToList(),
        };
    }
}
