namespace ExportTaxCheck.Returns.Persistence;

/// <summary>An original export line with its refund record, as customs and tax data give it (stage 2).</summary>
public sealed record ExportLineData
{
    public required ExportLineSnapshot Export { get; init; }
    public RefundSnapshot Refund { get; init; } = new();
}
