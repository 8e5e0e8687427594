namespace ExportTaxCheck.Returns.RefundDeclarations;

/// <summary>E-15: how much of a refund claim on one export line is accepted, how much refused and why.</summary>
public sealed record RefundSplit(decimal AcceptedQty, decimal RefusedQty, decimal MaxRefundableQty, IReadOnlyList<string> Codes);
