namespace ExportTaxCheck.Returns.Shared;

/// <summary>The refund record of the export line from tax data (§2.4 stage 2, §5.2).</summary>
public sealed record RefundSnapshot
{
    public RefundStatus Status { get; init; } = RefundStatus.NotDeclared;
    public decimal VatRefunded { get; init; }
    public decimal CtRefunded { get; init; }
    public decimal RefundRate { get; init; }
    public decimal LevyRate { get; init; }

    /// <summary>C-02b: the conversion rate stored with the refund record; never recomputed.</summary>
    public decimal? TaxRateUsed { get; init; }

    /// <summary>C-05: the line's FOB in CNY as declared in the refund record, when the record has one.</summary>
    public decimal? FobCny { get; init; }

    /// <summary>
    /// E-15: the quantity the processed refund declarations claimed on the line (null: a refund record from the
    /// reference data without a quantity, taken as the whole line).
    /// </summary>
    public decimal? RefundedQty { get; init; }

    public bool IsRefunded => Status is RefundStatus.Refunded or RefundStatus.Credited or RefundStatus.PreRefundedHwc;
}
