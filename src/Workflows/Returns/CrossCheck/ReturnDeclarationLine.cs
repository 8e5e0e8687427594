namespace ExportTaxCheck.Returns.CrossCheck;

/// <summary>§5.8 Lines[], plus the tariff inputs of C-09..C-11.</summary>
public sealed record ReturnDeclarationLine
{
    public required int ItemNo { get; init; }

    /// <summary>The item no. (项号) on the original export declaration or list.</summary>
    public required int OriginalItemNo { get; init; }

    public required string HsCode { get; init; }
    public required string GoodsName { get; init; }
    public required decimal Qty { get; init; }
    public required string UnitCode { get; init; }
    public string Currency { get; init; } = "USD";

    /// <summary>Declared CIF in <see cref="Currency"/> (C-08).</summary>
    public decimal TotalPrice { get; init; }

    public decimal DutyRate { get; init; }
    public decimal? DutyPerUnit { get; init; }
    public decimal CtRate { get; init; }
    public decimal? CtPerUnit { get; init; }
    public decimal VatRate { get; init; } = 0.13m;
}
