namespace ExportTaxCheck.Returns.Case;

public sealed record CasePage(IReadOnlyList<CaseSummary> Items, int TotalCount, int Page, int PageSize);
