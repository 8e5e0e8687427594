namespace ExportTaxCheck.Returns.Shared;

/// <summary>The original export line as customs data gives it (§2.4 stage 2, §5.2).</summary>
public sealed record ExportLineSnapshot
{
    public ExportDocType DocType { get; init; } = ExportDocType.Declaration;
    public string? DeclarationNo { get; init; }
    public string? ListNo { get; init; }
    public required int ItemNo { get; init; }
    public required string SupervisionCode { get; init; }

    /// <summary>A-01: the declaration acceptance date; for list mode, the list's declaration date.</summary>
    public required DateOnly DeclarationDate { get; init; }

    /// <summary>A-01: the later summary declaration's date for list-mode exports, stored for the configurable choice.</summary>
    public DateOnly? SummaryDeclarationDate { get; init; }

    /// <summary>G-21 / A-06: for list mode, the list's export date.</summary>
    public DateOnly? ExportDate { get; init; }

    /// <summary>G-19: 1210 only.</summary>
    public DateOnly? AreaExitDate { get; init; }

    public required string HsCode { get; init; }
    public required string GoodsName { get; init; }
    public string GoodsSpec { get; init; } = "";
    public required string LegalUnitCode { get; init; }
    public required decimal ExportedQty { get; init; }
    public string Currency { get; init; } = "CNY";
    public decimal FobForeign { get; init; }
    public decimal? FobCny { get; init; }
    public decimal ExportDutyPaid { get; init; }
    public DateOnly? ExportDutyPaidOn { get; init; }

    /// <summary>境内发货人 on the original declaration (the principal for entrusted exports, A-19).</summary>
    public required string ExporterUscc { get; init; }

    /// <summary>A-19: the agent named on the original declaration of an entrusted export.</summary>
    public string? AgentUscc { get; init; }

    public required ExportDocStatus DocStatus { get; init; }
    public required bool HasExportCompletionData { get; init; }

    /// <summary>The number the line's documents refer to: the list number in list mode, else the declaration number.</summary>
    public string ExportReference => (DocType == ExportDocType.List ? ListNo : DeclarationNo) ?? "";

    public ExportLineKey Key => new(ExportReference, ItemNo);
}
