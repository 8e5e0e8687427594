namespace ExportTaxCheck.Returns.Evidence;

public sealed record LineQuantity(int LineNo, decimal Qty);
