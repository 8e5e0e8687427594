namespace ExportTaxCheck.Returns.Clearance;

/// <summary>§5.11: the clearance decision's notional exempted amounts.</summary>
public sealed record ClearanceOutcome
{
    public decimal CustomsRate { get; init; }
    public DateOnly CustomsRateDate { get; init; }
    public decimal CustomsValue { get; init; }
    public decimal ImportDutyExempted { get; init; }
    public decimal ImportCtExempted { get; init; }
    public decimal ImportVatExempted { get; init; }

    /// <summary>C-01, C-11: the sum of the rounded parts.</summary>
    public decimal TotalExempted => ImportDutyExempted + ImportCtExempted + ImportVatExempted;

    /// <summary>C-07, E-20: set by the export duty refund step; <see cref="ClearanceCalculator"/> leaves it 0.00.</summary>
    public decimal ExportDutyRefund { get; init; }

    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
}
