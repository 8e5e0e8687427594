using System.Globalization;

namespace ExportTaxCheck.Returns.MakeUp;

[Activity("ExportTaxCheck", "Return case", "Stage 5: computes the make-up of export tax refunded on the returned quantity (C-03..C-06), cumulative over earlier returns on the same line.", DisplayName = "Compute Make-up")]
public sealed class ComputeMakeUp : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var refunded = session.File.ActiveLines.Where(l => l.Refund.IsRefunded).ToList();
        var others = await CaseSteps.OtherClaimsAsync(context, session.CaseId, refunded.Select(l => l.Export.Key));
        var claims = await session.ClaimsAsync(context.CancellationToken);
        var total = 0m;
        foreach (var line in refunded)
        {
            var record = MakeUpCalculator.Compute(line, session.Case.EnterpriseType, CaseSteps.EarlierReturnsOn(others, line))!;
            session.UpdateLine(line.LineNo, l => l with { MakeUp = record }, context.Now);
            if (claims.FirstOrDefault(c => c.LineNo == line.LineNo) is { } claim)
            {
                claim.MakeUpVat = record.MakeUpVat;
                claim.MakeUpCt = record.MakeUpCt;
                claim.FobCnyReturned = record.FobCnyReturned;
            }
            total += record.MakeUpVat + record.MakeUpCt;
        }

        context.JournalData["makeUpTotal"] = total;
        await session.SetStatusAsync(ReturnCaseStatus.MakeUpRequired, context.Now,
            string.Create(CultureInfo.InvariantCulture, $"Export tax refunded on the returned goods must be made up first: {total:N2} CNY."), notification: CaseNotifications.MakeUpDue, ct: context.CancellationToken);
        return Done();
    }
}
