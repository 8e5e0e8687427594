using ExportTaxCheck.Returns.Evidence;

namespace ExportTaxCheck.Returns.Case;

public sealed record DocumentView(Guid DocId, EvidenceType Type, IReadOnlyList<int> CoversLines, string? FileName, long? Size, string? Sha256, bool? OfficerAccepted, DateOnly? IssuedOn);
