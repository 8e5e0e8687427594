using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>
/// The make-up computation of a case written out step by step for the tax officer's confirmation: the same rules as
/// <see cref="MakeUpCalculator"/> (C-03..C-06), over the same earlier returns on each export line.
/// </summary>
public sealed class MakeUpReview(IDbContextFactory<WorkflowDbContext> dbFactory)
{
    /// <summary>One entry per refunded active line; null when the case does not exist.</summary>
    public async Task<IReadOnlyList<MakeUpSteps>?> StepsAsync(string caseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CaseSession.LoadAsync(db, caseId, ct) is not { } session)
            return null;
        var refunded = session.File.ActiveLines.Where(l => l.Refund.IsRefunded).ToList();
        var others = await ReturnLineClaims.OthersOnAsync(db, caseId, refunded.Select(l => l.Export.ExportReference), ct);
        return refunded.Select(line => Explain(line, session.Case.EnterpriseType,
                others.Where(c => c.ExportDocNo == line.Export.ExportReference && c.ExportItemNo == line.Export.ItemNo)
                    .Select(c => new EarlierReturn(c.ReturnedQty, c.MakeUpVat, c.MakeUpCt, c.FobCnyReturned, c.ExportDutyRefund)).ToList()))
            .ToList();
    }

    /// <summary>The steps of <see cref="MakeUpCalculator.Compute"/> for one refunded line.</summary>
    public static MakeUpSteps Explain(ReturnCaseLine line, EnterpriseType enterprise, IReadOnlyCollection<EarlierReturn> earlier)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(earlier);
        var taken = earlier.Where(e => e.MakeUpVat is not null).ToList();
        var earlierQty = taken.Sum(e => e.ReturnedQty);
        var cumulative = earlierQty + line.ReturnedQty;
        // The method the amounts were computed for (the officer confirms how the make-up was actually done).
        var method = RefundRules.DefaultMakeUpMethod(line.Refund.Status, enterprise);
        var steps = new MakeUpSteps
        {
            LineNo = line.LineNo,
            GoodsName = line.Export.GoodsName,
            ExportReference = line.Export.ExportReference,
            ExportItemNo = line.Export.ItemNo,
            Refund = line.Refund,
            Method = method,
            ExportedQty = line.Export.ExportedQty,
            ReturnedQty = line.ReturnedQty,
            UnitCode = line.ReturnUnitCode,
            EarlierQty = earlierQty,
            Vat = ProRataStep.Of(line.Refund.VatRefunded, line.Export.ExportedQty, cumulative, taken.Sum(e => e.MakeUpVat ?? 0)),
            Ct = ProRataStep.Of(line.Refund.CtRefunded, line.Export.ExportedQty, cumulative, taken.Sum(e => e.MakeUpCt ?? 0)),
            Recorded = line.MakeUp,
        };
        if (method != MakeUpMethod.Offset || MakeUpCalculator.FobCny(line) is not { } fobCny)
            return steps;
        var fob = ProRataStep.Of(fobCny, line.Export.ExportedQty, cumulative, taken.Sum(e => e.FobCnyReturned ?? 0));
        var nonCreditableRate = Math.Max(0m, line.Refund.LevyRate - line.Refund.RefundRate);
        return steps with
        {
            Fob = fob,
            ReversalMdtExact = fob.Due * line.Refund.RefundRate,
            ReversalMdt = Money.Round(fob.Due * line.Refund.RefundRate),
            NonCreditableRate = nonCreditableRate,
            NonCreditableExact = fob.Due * nonCreditableRate,
            ReversalNonCreditable = Money.Round(fob.Due * nonCreditableRate),
        };
    }
}
