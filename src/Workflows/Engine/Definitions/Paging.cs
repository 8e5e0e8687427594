namespace ExportTaxCheck.Engine.Definitions;

public static class Paging
{
    /// <summary>
    /// The rows before the page with 0-based <paramref name="pageIndex"/>. A page so far out that the offset overflows
    /// an int is refused: wrapped to a negative offset, SQLite would read it as 0 and answer the first page, and
    /// PostgreSQL would fail the query.
    /// </summary>
    public static int Skip(int pageIndex, int pageSize) =>
        (long)pageIndex * pageSize is var skip and <= int.MaxValue
            ? (int)skip
            : throw new InvalidRequestException("PAGING_INVALID", $"Page {pageIndex} of {pageSize} rows lies beyond any result; page × pageSize must stay below 2^31.");
}
