using System.Globalization;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// A query of the rows on many export documents at once (<c>"ExportDocNo" IN (@d0, @d1, …)</c>, up to
/// <see cref="PerQuery"/> documents a statement), where one statement per document would be read after read: a bulk
/// load of reference data touches hundreds. Each statement text is made once, so SQLite keeps each prepared.
/// </summary>
internal sealed class DocumentInList
{
    /// <summary>Documents per statement.</summary>
    public const int PerQuery = 32;

    private static readonly string[] Names = Enumerable.Range(0, PerQuery).Select(i => "d" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    // The statement for n documents, n = 1..PerQuery.
    private readonly string[] _texts;

    /// <param name="select">The statement up to its condition: <c>SELECT … FROM "Table"</c>.</param>
    public DocumentInList(string select) =>
        _texts = Enumerable.Range(0, PerQuery + 1)
            .Select(n => $"""{select} WHERE "ExportDocNo" IN ({string.Join(", ", Names.Take(n).Select(name => "@" + name))})""")
            .ToArray();

    /// <summary>The rows on <paramref name="docs"/> (each document once), each made by <paramref name="read"/>.</summary>
    public async Task<List<T>> QueryAsync<T>(IDbQueries sql, IEnumerable<string> docs, Func<IDbRow, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        foreach (var chunk in docs.Distinct(StringComparer.Ordinal).Chunk(PerQuery))
            rows.AddRange(await sql.QueryAsync(_texts[chunk.Length], read, ct, chunk.Select((doc, i) => (Names[i], (object?)doc)).ToArray()));
        return rows;
    }
}
