namespace ExportTaxCheck.Returns.Certificates;

[Activity("ExportTaxCheck", "Return case", "Stage 6: records the exporter's application per original export document (E-17), with the variant and refund status it states (§5.5), and runs the 数据自检 (V-01..V-15) on it. A failing self-check goes back to the exporter with its codes.", DisplayName = "Apply for Certificate")]
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
        var failedDocs = new List<string>();
        var taken = new List<string>();

        foreach (var group in session.File.ActiveLines.GroupBy(l => l.Export.ExportReference))
        {
            if (ofCase.Any(c => c.ExportDocNo == group.Key && c.Status is not (CertificateStatus.Applied or CertificateStatus.Cancelled or CertificateStatus.Refused)))
                continue;
            if (session.File.Applications.FirstOrDefault(a => a.ExportDocNo == group.Key) is not { } request)
                continue;
            taken.Add(group.Key);
            var lines = group.ToList();
            var application = Build(session.Case, lines, request, context.Now);
            var submitted = registry.Submit(application);
            var checkedResult = submitted.Registry.CompleteSelfCheck(application.ApplicationId, CertificateSelfCheck.Run(application, lines, options));
            registry = checkedResult.Succeeded ? checkedResult.Registry : submitted.Registry;
            if (!checkedResult.Succeeded)
            {
                failures.AddRange(checkedResult.RefusalCodes);
                failedDocs.Add(group.Key);
            }
        }

        store.Save(registry, session.CaseId, context.Now);
        // What was applied for is taken up: a failed application is corrected and sent again by the exporter.
        session.Update(f => f with { Applications = f.Applications.Where(a => !taken.Contains(a.ExportDocNo!)).ToList() }, context.Now);
        if (failures.Count > 0)
        {
            await session.SetStatusAsync(ReturnCaseStatus.CertificateApplication, context.Now,
                CaseText.Of("SelfCheck.Failed", string.Join(", ", failedDocs)), failures.Distinct().ToList(),
                CaseNotifications.SelfCheckFailed, ct: context.CancellationToken);
            return Outcome("SelfCheckFailed");
        }
        await session.SetStatusAsync(ReturnCaseStatus.CertificateApplication, context.Now, CaseText.Of("SelfCheck.Passed"), ct: context.CancellationToken);
        return Outcome("Applied");
    }

    /// <summary>§5.5: the application as the exporter stated it; the lines and make-up amounts come from the case.</summary>
    private static Certificate Build(ReturnCase returnCase, IReadOnlyList<ReturnCaseLine> lines, CertificateApplicationRequest request, DateTimeOffset now)
    {
        var export = lines[0].Export;
        return new Certificate
        {
            ApplicationId = Guid.CreateVersion7(),
            SubmittedAt = request.SubmittedAt ?? now,
            Variant = request.Variant!.Value,
            RefundStatusOnCert = request.RefundStatus!.Value,
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
