namespace ExportTaxCheck.Returns.Clearance;

[Activity("ExportTaxCheck", "Return case", "Stage 13: refunds the pro-rata share of export duty actually collected (C-07, E-20), within the application window (A-15).", DisplayName = "Refund Export Duty")]
[Outcomes("Refunded", "NotApplicable")]
public sealed class RefundExportDuty : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var options = CaseSteps.Options(context);
        var today = CaseSteps.Today(context);
        var lines = session.File.ActiveLines.ToList();
        var others = await CaseSteps.OtherClaimsAsync(context, session.CaseId, lines.Select(l => l.Export.Key));
        var claims = await session.ClaimsAsync(context.CancellationToken);
        var total = 0m;
        var codes = new List<string>();
        foreach (var line in lines)
        {
            var (share, reason) = ExportDutyRefunds.For(line, CaseSteps.EarlierReturnsOn(others, line), today, options);
            if (reason is not null)
                codes.Add(reason);
            if (share <= 0)
                continue;
            if (claims.FirstOrDefault(c => c.LineNo == line.LineNo) is { } claim)
                claim.ExportDutyRefund = share;
            total += share;
        }

        if (total <= 0)
        {
            session.Note("ExportDuty", CaseText.Of("ExportDuty.None"), context.Now, codes.Distinct().ToList());
            return Outcome("NotApplicable");
        }
        session.Update(f => f with { Clearance = (f.Clearance ?? new ClearanceOutcome()) with { ExportDutyRefund = total } }, context.Now);
        await session.SetStatusAsync(ReturnCaseStatus.ExportDutyRefund, context.Now, CaseText.Of("ExportDuty.Refunded", CaseText.Money(total)),
            codes.Distinct().ToList(), CaseNotifications.ExportDutyRefunded, ct: context.CancellationToken);
        return Outcome("Refunded");
    }
}
