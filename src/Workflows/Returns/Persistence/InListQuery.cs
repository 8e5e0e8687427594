using System.Globalization;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// A query of the rows whose key column holds any of many values (<c>"Column" IN (@k0, @k1, …)</c>, up to
/// <see cref="PerQuery"/> values a statement), where one statement per value would be read after read: a bulk load of
/// reference data touches hundreds of export documents, a sweep's bookkeeping a batch of reports. Each statement text is
/// made once, so SQLite keeps each prepared.
/// </summary>
internal sealed class InListQuery
{
    /// <summary>Values per statement.</summary>
    public const int PerQuery = 32;

    private static readonly string[] Names = Enumerable.Range(0, PerQuery).Select(i => "k" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    // The statement for n values, n = 1..PerQuery.
    private readonly string[] _texts;

    /// <param name="select">The statement up to its condition: <c>SELECT … FROM "Table"</c>.</param>
    /// <param name="column">The key column, quoted: <c>"ExportDocNo"</c>.</param>
    public InListQuery(string select, string column) =>
        _texts = Enumerable.Range(0, PerQuery + 1)
            .Select(n => $"""{select} WHERE {column} IN ({string.Join(", ", Names.Take(n).Select(name => "@" + name))})""")
            .ToArray();

    /// <summary>The rows of <paramref name="keys"/> (each value once), each made by <paramref name="read"/>.</summary>
    public async Task<List<T>> QueryAsync<T>(IDbQueries sql, IEnumerable<string> keys, Func<IDbRow, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(PerQuery))
            rows.AddRange(await sql.QueryAsync(_texts[chunk.Length], read, ct, chunk.Select((key, i) => (Names[i], (object?)key)).ToArray()));
        return rows;
    }
}
