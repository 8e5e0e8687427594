namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>C-05: the 免抵退 reversal of a manufacturer's returned quantity (§5.4).</summary>
public sealed record ManufacturerReversal(decimal FobCnyReturned, decimal ReversalMdt, decimal ReversalNonCreditable);
