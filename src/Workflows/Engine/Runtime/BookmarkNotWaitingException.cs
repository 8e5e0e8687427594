namespace ExportTaxCheck.Engine.Runtime;

public sealed class BookmarkNotWaitingException(string bookmarkId)
    : Exception($"Bookmark '{bookmarkId}' is no longer waiting: it was resumed or cancelled already.")
{
    public string BookmarkId { get; } = bookmarkId;
}
