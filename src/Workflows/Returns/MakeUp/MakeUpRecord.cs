namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>§5.4: the make-up of export tax already refunded on a returned line.</summary>
public sealed record MakeUpRecord
{
    public MakeUpMethod Method { get; init; }
    public decimal MakeUpVat { get; init; }
    public decimal MakeUpCt { get; init; }
    public decimal FobCnyReturned { get; init; }
    public decimal ReversalMdt { get; init; }
    public decimal ReversalNonCreditable { get; init; }
    public string? PaymentVoucherNo { get; init; }
    public DateOnly? PaidOn { get; init; }

    /// <summary>YYYYMM.</summary>
    public string? OffsetPeriod { get; init; }

    public string? ConfirmedByTaxOfficer { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
}
