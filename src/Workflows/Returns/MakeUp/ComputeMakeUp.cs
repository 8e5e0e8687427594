using System.Globalization;
using ExportTaxCheck.Engine.Activities;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Shared;

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
            // C-03: earlier returns on the same export line whose make-up is already taken.
            var earlier = others.Where(c => c.ExportDocNo == line.Export.ExportReference && c.ExportItemNo == line.Export.ItemNo && c.MakeUpVat is not null).ToList();
            var cumulative = earlier.Sum(c => c.ReturnedQty) + line.ReturnedQty;
            var method = RefundRules.DefaultMakeUpMethod(line.Refund.Status, session.Case.EnterpriseType);
            var vat = ReturnAmounts.ProRataShare(line.Refund.VatRefunded, line.Export.ExportedQty, cumulative, earlier.Sum(c => c.MakeUpVat ?? 0));
            var ct = ReturnAmounts.ProRataShare(line.Refund.CtRefunded, line.Export.ExportedQty, cumulative, earlier.Sum(c => c.MakeUpCt ?? 0));
            var record = new MakeUpRecord { Method = method, MakeUpVat = vat, MakeUpCt = ct };
            if (method == MakeUpMethod.Offset && FobCny(line) is { } fobCny)
            {
                // C-05: the manufacturer's reversal of 免抵退 amounts at the original conversion rate.
                var reversal = ReturnAmounts.Reversal(fobCny, line.Export.ExportedQty, cumulative, earlier.Sum(c => c.FobCnyReturned ?? 0), line.Refund.RefundRate, line.Refund.LevyRate);
                record = record with { FobCnyReturned = reversal.FobCnyReturned, ReversalMdt = reversal.ReversalMdt, ReversalNonCreditable = reversal.ReversalNonCreditable };
            }
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

    // C-02b: the refund record's CNY FOB, else the declared CNY FOB, else FOB at the rate stored with the refund record.
    private static decimal? FobCny(ReturnCaseLine line) =>
        line.Refund.FobCny ?? line.Export.FobCny
        ?? (line.Export.Currency == "CNY" ? line.Export.FobForeign
            : line.Refund.TaxRateUsed is { } rate ? Money.Round(line.Export.FobForeign * rate) : null);
}
