using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;

namespace ExportTaxCheck.Returns.Tests.Support;

/// <summary>
/// A database's schema as sorted lines of text, so that two databases can be compared line by line. Every table,
/// column (type, nullability, default, key), constraint, index and sequence is in it; only the physical order of a
/// table's columns is not, because SQLite and PostgreSQL add a column at the end of its table and no query reads
/// columns by position.
/// </summary>
internal static partial class DatabaseSchema
{
    public static async Task<IReadOnlyList<string>> ReadAsync(ScratchDatabase database)
    {
        await using var connection = await database.OpenAsync();
        var lines = database.Provider == TestDatabase.PostgreSql ? await PostgreSqlAsync(connection) : await SqliteAsync(connection);
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> SqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var (type, name, table, sql) in await RowsAsync(connection,
                     "SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'", r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3))))
        {
            if (type != "table")
            {
                lines.Add($"{type} {table}.{name}: {Spaces(sql)}");
                continue;
            }
            // ALTER TABLE ADD COLUMN appends ", <column>" to the stored CREATE TABLE text: each definition is compared
            // as written, the order of the definitions is not.
            var body = sql[(sql.IndexOf('(') + 1)..sql.LastIndexOf(')')];
            lines.AddRange(Definitions(body).Select(d => $"table {name}: {d}"));
            lines.AddRange(await RowsAsync(connection, $"SELECT name, type, \"notnull\", COALESCE(dflt_value, ''), pk FROM pragma_table_info('{name}')",
                r => $"column {name}.{r.GetString(0)}: {r.GetString(1)} notnull={r.GetInt64(2)} default={r.GetString(3)} pk={r.GetInt64(4)}"));
        }
        return lines;
    }

    private static async Task<List<string>> PostgreSqlAsync(DbConnection connection)
    {
        var lines = await RowsAsync(connection,
            """
            SELECT table_name || '.' || column_name || ': ' || data_type || COALESCE('(' || character_maximum_length || ')', '')
                   || COALESCE(' precision ' || numeric_precision || ',' || numeric_scale, '') || ' nullable=' || is_nullable
                   || ' default=' || COALESCE(column_default, '') || ' identity=' || is_identity || COALESCE(' ' || identity_generation, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            """, r => "column " + r.GetString(0));
        lines.AddRange(await RowsAsync(connection,
            "SELECT conrelid::regclass::text || '.' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
            r => "constraint " + r.GetString(0)));
        lines.AddRange(await RowsAsync(connection, "SELECT tablename || '.' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'",
            r => "index " + r.GetString(0)));
        lines.AddRange(await RowsAsync(connection, "SELECT sequence_name || ': ' || data_type FROM information_schema.sequences WHERE sequence_schema = 'public'",
            r => "sequence " + r.GetString(0)));
        lines.AddRange(await RowsAsync(connection, "SELECT table_name || ': ' || table_type FROM information_schema.tables WHERE table_schema = 'public'",
            r => "table " + r.GetString(0)));
        return lines;
    }

    /// <summary>The comma-separated definitions of a CREATE TABLE body (commas inside parentheses belong to their definition).</summary>
    private static IEnumerable<string> Definitions(string body)
    {
        var depth = 0;
        var current = new StringBuilder();
        foreach (var c in body)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0)
            {
                yield return Spaces(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        if (!string.IsNullOrWhiteSpace(current.ToString()))
            yield return Spaces(current.ToString());
    }

    private static string Spaces(string text) => Whitespace().Replace(text, " ").Trim();

    private static async Task<List<T>> RowsAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(read(reader));
        return rows;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
