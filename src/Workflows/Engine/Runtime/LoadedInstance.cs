namespace ExportTaxCheck.Engine.Runtime;

/// <summary>An instance as a step read it: its active bookmarks, and its revision and status at that moment.</summary>
internal sealed record LoadedInstance(WorkflowInstanceRecord Instance, List<BookmarkRecord> ActiveBookmarks, bool IsNew)
{
    public long ReadRevision { get; } = Instance.Revision;

    public WorkflowStatus ReadStatus { get; } = Instance.Status;

    /// <summary>How many steps the transaction that committed this one held (group commit).</summary>
    public int BatchSize { get; set; } = 1;
}
