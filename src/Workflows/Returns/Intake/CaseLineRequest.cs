using ExportTaxCheck.Returns.Clearance;

namespace ExportTaxCheck.Returns.Intake;

public sealed record CaseLineRequest
{
    public int LineNo { get; init; }
    public ExportDocType ExportDocType { get; init; } = ExportDocType.Declaration;
    public string? ExportDeclarationNo { get; init; }
    public string? ExportListNo { get; init; }
    public int ExportItemNo { get; init; }
    public decimal ReturnedQty { get; init; }
    public string? ReturnUnitCode { get; init; }
    public ReturnReason? Reason { get; init; }
    public DateOnly? PlannedEntryDate { get; init; }
    public ReturnDestination Destination { get; init; } = ReturnDestination.DomesticNonZone;
    public DateOnly? ReturnIntoNonZoneDate { get; init; }
    public string? ReturnHsCode { get; init; }
    public string? ReturnGoodsName { get; init; }
    public bool? IsFoodOverride { get; init; }
    public bool FormBasicallySame { get; init; } = true;
    public bool AccessoriesAdded { get; init; }
    public bool ProcessedOrModified { get; init; }
    public List<Handling>? HandlingPerformed { get; init; }
    public bool Used { get; init; }
    public UsageException UsageException { get; init; } = UsageException.None;
    public decimal DeclaredCifForeign { get; init; }

    public string? ExportReference => ExportDocType == ExportDocType.List ? ExportListNo : ExportDeclarationNo;
}
