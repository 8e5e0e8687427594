namespace ExportTaxCheck.Returns.Case;

public sealed record CaseSummary(string CaseId, ReturnCaseStatus Status, string ExporterUscc, string ExporterName, string? PolicyVersionId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
