namespace ExportTaxCheck.Returns.Certificates;

/// <summary>§5.6 Lines[].</summary>
public sealed record CertificateLine
{
    public required int ExportItemNo { get; init; }
    public required string HsCode { get; init; }
    public required string GoodsName { get; init; }
    public required string UnitCode { get; init; }
    public required decimal ExportedQty { get; init; }
    public required decimal ReturnedQty { get; init; }
    public ReturnReason Reason { get; init; }
    public decimal VatRefundedOnLine { get; init; }
    public decimal CtRefundedOnLine { get; init; }
    public decimal MakeUpVat { get; init; }
    public decimal MakeUpCt { get; init; }
    public decimal ReversalMdt { get; init; }
}
