namespace ExportTaxCheck.Engine.Tasks;

public sealed record TaskPage(IReadOnlyList<TaskItem> Items, int TotalCount, int Page, int PageSize);
