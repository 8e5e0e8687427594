namespace ExportTaxCheck.Workflows.Returns.Customs;

/// <summary>Stage 9: the exemption mode on the return declaration (全免).</summary>
public enum ExemptionMode
{
    FullExemption,
}

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

/// <summary>§5.8: the return (re-import) declaration, G-09.</summary>
public sealed record ReturnDeclaration
{
    public required string ReturnDeclarationNo { get; init; }
    public string SupervisionCode { get; init; } = "4561";
    public required string ConsigneeUscc { get; init; }

    /// <summary>The original export declaration or list number.</summary>
    public required string RelatedExportDeclarationNo { get; init; }

    public required string CertificateNo { get; init; }
    public required DateOnly DeclarationDate { get; init; }

    /// <summary>进口日期: ends the six-month test .</summary>
    public required DateOnly EntryDate { get; init; }

    public string EntryPortCode { get; init; } = "";

    /// <summary>C-02a rate (4 decimals), given by the declarant.</summary>
    public decimal CustomsRate { get; init; }

    public ExemptionMode ExemptionMode { get; init; } = ExemptionMode.FullExemption;
    public required IReadOnlyList<ReturnDeclarationLine> Lines { get; init; }
}
