namespace ExportTaxCheck.Returns.Clearance;

[Activity("ExportTaxCheck", "Return case", "Stage 12: queues the usage report of every declaration released with its certificate, for the customs registry and for tax (sent after commit, retried until delivered). A paper release made during an outage reaches them only then.", DisplayName = "Report Usage")]
public sealed class ReportUsage : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        // A plain statement, kept prepared: once per case, where a LINQ query was looked up in EF Core's cache each time.
        var queued = (await (await SnapshotReads.OnAsync(context.Db, context.CancellationToken)).QueryAsync(
                """SELECT "ReturnDeclarationNo", "CertificateNo" FROM "UsageFeedback" WHERE "CaseId" = @id""",
                r => r.GetString(0) + "/" + r.GetString(1), context.CancellationToken, ("id", session.CaseId)))
            .ToHashSet(StringComparer.Ordinal);
        var releasedOn = session.File.Clearance?.DecidedAt is { } decided ? ChinaTime.ToChinaDate(decided) : CaseSteps.Today(context);
        foreach (var declaration in session.File.CurrentDeclarations)
        {
            if (session.File.LastCheckOf(declaration) is not { Result: CrossCheck.CrossCheckOutcome.Matched } check
                || queued.Contains(declaration.ReturnDeclarationNo + "/" + declaration.CertificateNo))
                continue;
            UsageReports.Queue(context.Db, session.CaseId, declaration, UsageEvent.Used, check.Channel, releasedOn, session.File.Clearance?.DecidedAt ?? context.Now);
        }
        await session.SetStatusAsync(ReturnCaseStatus.UsageReported, context.Now, CaseText.Of("Usage.Reported"), ct: context.CancellationToken);
        return Done();
    }
}
