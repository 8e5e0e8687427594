namespace ExportTaxCheck.Engine.Definitions;

public sealed record Page<T>(IReadOnlyList<T> Items, long TotalCount, int PageIndex, int PageSize);
