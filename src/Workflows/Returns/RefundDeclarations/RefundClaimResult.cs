namespace ExportTaxCheck.Returns.RefundDeclarations;

/// <summary>
/// One export line of a processed refund declaration: what was claimed, accepted (recorded as a refund) and refused
/// (<c>REFUND_LOCKED_BY_CERTIFICATE</c> for the quantity NotRefunded certificates lock), with the quantities that decided
/// it, the line's refund status after it and the certificates whose status was pushed to customs.
/// </summary>
public sealed record RefundClaimResult
{
    public required string ExportDocNo { get; init; }
    public required int ExportItemNo { get; init; }
    public required RefundKind Kind { get; init; }
    public required decimal ClaimedQty { get; init; }
    public required decimal AcceptedQty { get; init; }
    public required decimal RefusedQty { get; init; }
    public required decimal ExportedQty { get; init; }
    public required decimal LockedQty { get; init; }
    public required decimal AlreadyRefundedQty { get; init; }
    public required decimal MaxRefundableQty { get; init; }
    public decimal VatRefundedAccepted { get; init; }
    public decimal CtRefundedAccepted { get; init; }
    public IReadOnlyList<string> Codes { get; init; } = [];
    public required RefundStatus RefundStatus { get; init; }
    public IReadOnlyList<string> StatusUpdatesSent { get; init; } = [];
}
