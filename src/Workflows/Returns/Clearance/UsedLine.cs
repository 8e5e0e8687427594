namespace ExportTaxCheck.Returns.Clearance;

public sealed record UsedLine(int ExportItemNo, decimal Qty);
