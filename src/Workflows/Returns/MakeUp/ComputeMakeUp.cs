namespace ExportTaxCheck.Returns.MakeUp;

[Activity("ExportTaxCheck", "Return case", "Stage 5: computes the make-up of export tax refunded on the returned quantity (C-03..C-06), cumulative over earlier returns on the same line. When the case looks again (after a cancellation) and the make-up is what the tax officer already confirmed, it stands (AlreadyConfirmed).", DisplayName = "Compute Make-up")]
[Outcomes("Done", "AlreadyConfirmed")]
public sealed class ComputeMakeUp : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var refunded = session.File.ActiveLines.Where(l => l.Refund.IsRefunded).ToList();
        var others = await CaseSteps.OtherClaimsAsync(context, session.CaseId, refunded.Select(l => l.Export.Key));
        var claims = await session.ClaimsAsync(context.CancellationToken);
        var total = 0m;
        var confirmed = refunded.Count > 0;
        foreach (var line in refunded)
        {
            var record = MakeUpCalculator.Compute(line, session.Case.EnterpriseType, CaseSteps.EarlierReturnsOn(others, line))!;
            // The amounts the officer confirmed are kept with the confirmation; new amounts need it again (E-15).
            if (line.MakeUp is { } previous && RefundRules.IsMakeUpConfirmed(previous) && SameAmounts(previous, record))
                record = previous;
            else
                confirmed = false;
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
        if (confirmed)
        {
            await session.SetStatusAsync(ReturnCaseStatus.CertificateApplication, context.Now,
                CaseText.Of("MakeUp.Unchanged", CaseText.Money(total)),
                ct: context.CancellationToken);
            return Outcome("AlreadyConfirmed");
        }
        await session.SetStatusAsync(ReturnCaseStatus.MakeUpRequired, context.Now,
            CaseText.Of("MakeUp.Due", CaseText.Money(total)), notification: CaseNotifications.MakeUpDue, ct: context.CancellationToken);
        return Outcome("Done");
    }

    private static bool SameAmounts(MakeUpRecord a, MakeUpRecord b) =>
        a.MakeUpVat == b.MakeUpVat && a.MakeUpCt == b.MakeUpCt && a.FobCnyReturned == b.FobCnyReturned && a.ReversalMdt == b.ReversalMdt
        && a.ReversalNonCreditable == b.ReversalNonCreditable;
}
