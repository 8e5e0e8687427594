namespace ExportTaxCheck.Returns.Case;

public sealed record CaseFilter(string? Status = null, string? ExporterUscc = null, DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, string? Search = null, int Page = 1, int PageSize = 20);
