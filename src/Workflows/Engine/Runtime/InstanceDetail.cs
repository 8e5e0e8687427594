namespace ExportTaxCheck.Engine.Runtime;

public sealed record InstanceDetail(InstanceSummary Summary, WorkflowState State, IReadOnlyList<BookmarkInfo> Bookmarks);
