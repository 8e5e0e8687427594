namespace ExportTaxCheck.Returns.Evidence;

/// <summary>§5.3, plus the export references and stated quantities that E-09 needs to match a document to a line.</summary>
public sealed record EvidenceDocument
{
    public required Guid DocId { get; init; }
    public required EvidenceType Type { get; init; }
    public required IReadOnlyList<int> CoversLines { get; init; }

    /// <summary>The export declaration or list numbers the document names (E-09 "matching its export reference").</summary>
    public IReadOnlyList<string> ExportReferences { get; init; } = [];

    /// <summary>Quantities the document states per case line (a self-declaration must state ≥ the returned quantity).</summary>
    public IReadOnlyList<LineQuantity> StatedQuantities { get; init; } = [];

    public string? Platform { get; init; }
    public string? PlatformOrderNo { get; init; }
    public DateOnly? IssuedOn { get; init; }
    public string? SignedBy { get; init; }
    public string? Sha256 { get; init; }

    /// <summary>Required for <see cref="EvidenceType.OtherReturnEvidence"/>: null = not yet decided.</summary>
    public bool? OfficerAccepted { get; init; }

    public bool Covers(int lineNo) => CoversLines.Contains(lineNo);
}
