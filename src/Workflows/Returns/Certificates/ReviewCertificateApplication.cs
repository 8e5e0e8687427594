using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Returns.Certificates;

[Activity("ExportTaxCheck", "Return case", "Stage 7: the tax officer approves (the certificate is issued: TaxPaid or NotRefunded, with the refund lock) or refuses the application. A refund record that changed since the make-up and the application sends the case back to the refund-status check (RefundChanged).", DisplayName = "Review Certificate Application", Kind = ActivityKind.Task)]
[Outcomes("Approve", "Refuse", "RefundChanged")]
public sealed class ReviewCertificateApplication : HumanTaskActivity
{
    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Approve", "Refuse"];

    public override JsonArray? DefaultForm => new(
        new JsonObject
        {
            ["name"] = "reasons", ["label"] = "Refusal reasons", ["type"] = "multiselect", ["requiredFor"] = new JsonArray("Refuse"),
            ["options"] = new JsonArray(ReasonCodes.MakeUpNotCompleted, ReasonCodes.RefundPending, ReasonCodes.NotRefundedRequiresNotDeclared, ReasonCodes.CertQtyExceedsUncertified, ReasonCodes.FraudReferral),
        });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "TaxOfficer");
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var pending = store.OfCase(registry, session.CaseId).Where(c => c.Status == CertificateStatus.UnderReview).ToList();

        if (completion.Outcome == "Refuse")
        {
            var reasons = CaseSteps.Strings(completion.Data["reasons"]);
            foreach (var application in pending)
                registry = registry.RefuseApplication(application.ApplicationId, reasons).Registry;
            store.Save(registry, session.CaseId, context.Now);
            await session.SetStatusAsync(ReturnCaseStatus.CertificateRefused, context.Now, CaseText.OrComment(completion.Comment, CaseText.Of("Certificate.Refused")), reasons,
                CaseNotifications.CaseRejected, actor, context.CancellationToken);
            return "Refuse";
        }

        // E-15: the variant and make-up were decided on the refund record the case saw; a refund processed since (or a lock
        // being issued on it) must not slip between them. Reading the lines' rows and bumping their revision makes a
        // refund declaration that races this approval commit first (and be seen here) or after (and see the lock).
        var changed = new List<int>();
        foreach (var line in session.File.ActiveLines.Where(l => pending.Any(p => p.ExportDocNo == l.Export.ExportReference)).ToList())
        {
            if (await ReferenceData.FindTrackedAsync(context.Db, line.Export.ExportReference, line.Export.ItemNo, context.CancellationToken) is not { } row)
                continue;
            row.Revision++;
            var current = ReturnsJson.Deserialize<ExportLineData>(row.Data).Refund;
            if (current == line.Refund)
                continue;
            session.UpdateLine(line.LineNo, l => l with { Refund = current }, context.Now);
            changed.Add(line.LineNo);
        }
        if (changed.Count > 0)
        {
            foreach (var application in pending)
                registry = registry.RefuseApplication(application.ApplicationId, [ReasonCodes.RefundStatusChanged]).Registry;
            store.Save(registry, session.CaseId, context.Now);
            await session.SetStatusAsync(ReturnCaseStatus.RefundStatusCheck, context.Now,
                CaseText.Of("Refund.Changed", string.Join(", ", changed)),
                [ReasonCodes.RefundStatusChanged], actor: actor, ct: context.CancellationToken);
            return "RefundChanged";
        }

        var today = CaseSteps.Today(context);
        var issued = new List<CaseText>();
        foreach (var application in pending)
        {
            var number = await Sequences.NextCertificateNoAsync(context.Db, application.IssuingTaxAuthorityCode, today, context.CancellationToken);
            var result = registry.Issue(application.ApplicationId, number, today, context.Now, session.File.ActiveLines.ToList());
            if (!result.Succeeded)
                throw new ConflictException(result.RefusalCode!, $"The certificate cannot be issued: {string.Join(", ", result.RefusalCodes)}. Refuse the application or have the cause fixed first.");
            registry = result.Registry;
            issued.Add(CaseText.Of("Certificate.Item", number, CaseText.Word(result.Certificate!.Variant)));
        }
        store.Save(registry, session.CaseId, context.Now);
        await session.SetStatusAsync(ReturnCaseStatus.CertificateIssued, context.Now, CaseText.Of("Certificate.Issued", CaseText.List(issued)), notification: CaseNotifications.CertificateIssued,
            actor: actor, ct: context.CancellationToken);
        return "Approve";
    }
}
