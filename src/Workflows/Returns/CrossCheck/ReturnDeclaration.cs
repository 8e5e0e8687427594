namespace ExportTaxCheck.Returns.CrossCheck;

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
