using ExportTaxCheck.Returns.Certificates;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Clearance;

[Activity("ExportTaxCheck", "Return case", "Stage 12: queues the usage feedback of every used certificate for tax (sent after commit, retried until delivered).", DisplayName = "Report Usage")]
public sealed class ReportUsage : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var registry = await new CertificateStore(context.Db).LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var queued = await context.Db.Set<UsageFeedbackRecord>().Where(f => f.CaseId == session.CaseId).Select(f => f.CertificateNo).ToListAsync(context.CancellationToken);
        foreach (var declaration in session.File.CurrentDeclarations)
        {
            if (registry.Find(declaration.CertificateNo) is not { Status: CertificateStatus.Used } certificate || queued.Contains(certificate.CertificateNo!))
                continue;
            var feedback = new UsageFeedback
            {
                CertificateNo = certificate.CertificateNo!,
                ReturnDeclarationNo = declaration.ReturnDeclarationNo,
                CustomsCode = declaration.EntryPortCode is { Length: 4 } port ? port : declaration.ReturnDeclarationNo[..4],
                ReleasedOn = certificate.UsedOn ?? CaseSteps.Today(context),
                Channel = certificate.UsedChannel ?? Channel.Electronic,
                UsedLines = declaration.Lines.Select(l => new UsedLine(l.OriginalItemNo, l.Qty)).ToList(),
            };
            context.Db.Add(new UsageFeedbackRecord
            {
                Id = Ids.New(), CaseId = session.CaseId, CertificateNo = feedback.CertificateNo, ReturnDeclarationNo = feedback.ReturnDeclarationNo,
                Status = FeedbackStatus.Pending, CreatedAt = context.Now, NextAttemptAt = context.Now, Data = ReturnsJson.Serialize(feedback),
            });
        }
        await session.SetStatusAsync(ReturnCaseStatus.UsageReported, context.Now, "Usage of the certificate is reported to tax; it can no longer be cancelled or reissued.", ct: context.CancellationToken);
        return Done();
    }
}
