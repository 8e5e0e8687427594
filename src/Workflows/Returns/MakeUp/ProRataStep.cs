namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>
/// One C-03 cumulative share written out: <c>Round(Total × CumulativeQty / ExportedQty) − Previous = Due</c>, with the
/// product before rounding (<see cref="Exact"/>) so the officer sees how it was rounded (half away from zero, to the fen).
/// </summary>
public sealed record ProRataStep(decimal Total, decimal ExportedQty, decimal CumulativeQty, decimal Exact, decimal Rounded, decimal Previous, decimal Due)
{
    public static ProRataStep Of(decimal total, decimal exportedQty, decimal cumulativeQty, decimal previous)
    {
        var exact = total * cumulativeQty / exportedQty;
        var rounded = Money.Round(exact);
        return new ProRataStep(total, exportedQty, cumulativeQty, exact, rounded, previous, rounded - previous);
    }
}
