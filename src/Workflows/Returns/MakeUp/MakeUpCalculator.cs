namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>Stage 5: the make-up of export tax refunded on a returned line (C-03..C-06).</summary>
public static class MakeUpCalculator
{
    /// <summary>
    /// The line's make-up, cumulative over <paramref name="earlier"/> returns on the same export line whose make-up is
    /// already taken (C-03, C-04), with the manufacturer's reversal when the method is an offset (C-05). A pre-refund
    /// (HWC-YT) is treated as a refund (C-06, A-14). Null when nothing was refunded on the line.
    /// </summary>
    public static MakeUpRecord? Compute(ReturnCaseLine line, EnterpriseType enterprise, IReadOnlyCollection<EarlierReturn> earlier)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(earlier);
        if (!line.Refund.IsRefunded)
            return null;
        var taken = earlier.Where(e => e.MakeUpVat is not null).ToList();
        var cumulative = taken.Sum(e => e.ReturnedQty) + line.ReturnedQty;
        var method = RefundRules.DefaultMakeUpMethod(line.Refund.Status, enterprise);
        var record = new MakeUpRecord
        {
            Method = method,
            MakeUpVat = ReturnAmounts.ProRataShare(line.Refund.VatRefunded, line.Export.ExportedQty, cumulative, taken.Sum(e => e.MakeUpVat ?? 0)),
            MakeUpCt = ReturnAmounts.ProRataShare(line.Refund.CtRefunded, line.Export.ExportedQty, cumulative, taken.Sum(e => e.MakeUpCt ?? 0)),
        };
        if (method != MakeUpMethod.Offset || FobCny(line) is not { } fobCny)
            return record;
        var reversal = ReturnAmounts.Reversal(fobCny, line.Export.ExportedQty, cumulative, taken.Sum(e => e.FobCnyReturned ?? 0), line.Refund.RefundRate, line.Refund.LevyRate);
        return record with { FobCnyReturned = reversal.FobCnyReturned, ReversalMdt = reversal.ReversalMdt, ReversalNonCreditable = reversal.ReversalNonCreditable };
    }

    /// <summary>C-02b: the refund record's CNY FOB, else the declared CNY FOB, else FOB at the rate stored with the refund record.</summary>
    public static decimal? FobCny(ReturnCaseLine line) =>
        line.Refund.FobCny ?? line.Export.FobCny
        ?? (line.Export.Currency == "CNY" ? line.Export.FobForeign
            : line.Refund.TaxRateUsed is { } rate ? Money.Round(line.Export.FobForeign * rate) : null);
}
