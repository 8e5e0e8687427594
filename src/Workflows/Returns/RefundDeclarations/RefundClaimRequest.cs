namespace ExportTaxCheck.Returns.RefundDeclarations;

/// <summary>One export line of a refund declaration: the quantity the refund claims and the amounts refunded on it.</summary>
public sealed record RefundClaimRequest
{
    public string? ExportDocNo { get; init; }
    public int ExportItemNo { get; init; }
    public decimal Qty { get; init; }
    public decimal VatRefunded { get; init; }
    public decimal CtRefunded { get; init; }
    public RefundKind Kind { get; init; } = RefundKind.Refund;
}
