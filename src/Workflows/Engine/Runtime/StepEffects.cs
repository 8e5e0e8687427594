namespace ExportTaxCheck.Engine.Runtime;

/// <summary>What one step wrote besides the instance state; applied in the step's transaction.</summary>
public sealed class StepEffects
{
    public List<BookmarkRecord> NewBookmarks { get; } = [];

    /// <summary>Bookmarks closed because their execution completed or was cancelled.</summary>
    public HashSet<string> ClosedBookmarkIds { get; } = new(StringComparer.Ordinal);

    /// <summary>The bookmark this step resumed; the commit fails if another step consumed it first.</summary>
    public string? ConsumedBookmarkId { get; set; }

    /// <summary>Journal records to insert or update, by record id.</summary>
    public Dictionary<string, ActivityExecutionRecord> Journal { get; } = new(StringComparer.Ordinal);

    /// <summary>The journal records this step created (the others exist from earlier steps).</summary>
    public HashSet<string> NewJournalIds { get; } = new(StringComparer.Ordinal);

    public List<PendingEventRecord> PublishedEvents { get; } = [];

    /// <summary>Journal events this step logged, in order.</summary>
    public List<ExecutionLogRecord> Log { get; } = [];

    /// <summary>Lines written by WriteLine, in order.</summary>
    public List<string> Lines { get; } = [];

    public void CloseBookmark(string bookmarkId)
    {
        if (NewBookmarks.RemoveAll(b => b.Id == bookmarkId) > 0)
            return;
        if (bookmarkId != ConsumedBookmarkId)
            ClosedBookmarkIds.Add(bookmarkId);
    }
}
