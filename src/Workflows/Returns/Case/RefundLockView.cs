namespace ExportTaxCheck.Returns.Case;

public sealed record RefundLockView(string ExportDocNo, int ExportItemNo, decimal LockedQty);
