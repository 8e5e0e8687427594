namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>
/// The make-up of one returned line as the tax officer checks it (C-03..C-06): the refund record, the quantities, the VAT
/// and CT shares, and for an offset the manufacturer's reversal. <see cref="Recorded"/> is what the case holds.
/// </summary>
public sealed record MakeUpSteps
{
    public required int LineNo { get; init; }
    public required string GoodsName { get; init; }
    public required string ExportReference { get; init; }
    public required int ExportItemNo { get; init; }
    public required RefundSnapshot Refund { get; init; }

    /// <summary>The method the amounts are computed for (C-03 repaid, C-05 offset): the enterprise type's usual one.</summary>
    public required MakeUpMethod Method { get; init; }

    public required decimal ExportedQty { get; init; }
    public required decimal ReturnedQty { get; init; }
    public required string UnitCode { get; init; }

    /// <summary>Returned on the same export line by earlier cases whose make-up was taken.</summary>
    public required decimal EarlierQty { get; init; }

    public required ProRataStep Vat { get; init; }
    public required ProRataStep Ct { get; init; }

    /// <summary>C-05: the FOB (CNY) share of an offset, null when the method is no offset or no CNY FOB is known.</summary>
    public ProRataStep? Fob { get; init; }

    public decimal? ReversalMdtExact { get; init; }
    public decimal? ReversalMdt { get; init; }
    public decimal? NonCreditableRate { get; init; }
    public decimal? NonCreditableExact { get; init; }
    public decimal? ReversalNonCreditable { get; init; }

    /// <summary>C-06: the amounts are a pre-refund (HWC-YT), treated as a refund.</summary>
    public bool PreRefund => Refund.Status == RefundStatus.PreRefundedHwc;

    public MakeUpRecord? Recorded { get; init; }

    public decimal Total => Vat.Due + Ct.Due;
}
