namespace ExportTaxCheck.Returns.Shared;

/// <summary>Tax-side refund status of the export line (§5.2).</summary>
public enum RefundStatus
{
    NotDeclared,
    DeclaredPending,
    Refunded,
    Credited,
    PreRefundedHwc,
}
