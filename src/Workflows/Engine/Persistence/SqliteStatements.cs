using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// The step's statements kept prepared on a physical SQLite connection. Microsoft.Data.Sqlite compiles a command's SQL
/// anew for every command object and drops it when the logical connection closes, so a step that reads the instance and
/// writes its rows parsed and planned each of its dozen statements on every step. These stay compiled for as long as the
/// physical connection lives, and are only bound, stepped and reset. They are kept by SQLite's connection handle (weakly:
/// once the pool has closed the connection and dropped its handle, the statements are finalized with it, and SQLite,
/// which deferred the close until then, closes the database). A statement is always reset after use, so none holds a read snapshot or a lock between uses.
/// One connection is used by one unit of work at a time, so the cache needs no lock.
/// </summary>
internal sealed class SqliteStatements
{
    private static readonly ConditionalWeakTable<sqlite3, SqliteStatements> Kept = [];

    /// <summary>At most this many texts are kept (multi-row inserts differ by their row count); past it all are dropped.</summary>
    internal const int Capacity = 128;

    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, Statement> _prepared = new(StringComparer.Ordinal);
    private long _compiled;

    /// <summary>Statements compiled on this connection so far (for tests).</summary>
    internal long Compiled => _compiled;

    /// <summary>The statements of <paramref name="connection"/>'s physical connection, or null when it is not open.</summary>
    public static SqliteStatements? Of(SqliteConnection connection) =>
        connection.Handle is { } handle ? Kept.GetValue(handle, _ => new SqliteStatements()) : null;

    /// <summary>True when <paramref name="value"/> (as <see cref="StepSql.Value"/> left it) binds without Microsoft.Data.Sqlite's conversions.</summary>
    public static bool Binds(object? value) => value is null or DBNull or string or long or int or short or byte or bool or double or float or byte[];

    /// <summary>
    /// Runs one statement with <paramref name="parameters"/> bound by name (with their <c>@</c>), hands each row to
    /// <paramref name="row"/>, and returns the rows it changed (for a write).
    /// </summary>
    public int Run(sqlite3 db, string text, ReadOnlySpan<(string Name, object? Value)> parameters, Action<IDbRow>? row)
    {
        var statement = Take(db, text);
        try
        {
            foreach (var (name, value) in parameters)
                Bind(statement, name, value);
            return Step(db, statement, row);
        }
        finally
        {
            raw.sqlite3_reset(statement.Handle);
            raw.sqlite3_clear_bindings(statement.Handle);
            Give(statement);
        }
    }

    private static int Step(sqlite3 db, Statement statement, Action<IDbRow>? row)
    {
        var started = 0L;
        var reader = row is null ? null : new Row(statement.Handle);
        var rows = 0;
        while (true)
        {
            var rc = raw.sqlite3_step(statement.Handle);
            if (rc == raw.SQLITE_ROW)
            {
                rows++;
                row?.Invoke(reader!);
                continue;
            }
            if (rc == raw.SQLITE_DONE)
                return raw.sqlite3_changes(db);
            // Outside a transaction, a statement that found the database busy before it read anything tries again, as
            // Microsoft.Data.Sqlite does; inside one, the transaction's owner hears of it.
            if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && rows == 0 && raw.sqlite3_get_autocommit(db) != 0)
            {
                started = started == 0 ? Stopwatch.GetTimestamp() : started;
                if (Stopwatch.GetElapsedTime(started) < BusyTimeout)
                {
                    raw.sqlite3_reset(statement.Handle);
                    Thread.Sleep(1);
                    continue;
                }
            }
            SqliteException.ThrowExceptionForRC(rc, db);
            return 0;
        }
    }

    private Statement Take(sqlite3 db, string text)
    {
        if (_prepared.Remove(text, out var kept))
            return kept;
        var rc = raw.sqlite3_prepare_v3(db, text, raw.SQLITE_PREPARE_PERSISTENT, out var handle, out var tail);
        SqliteException.ThrowExceptionForRC(rc, db);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            handle.Dispose();
            throw new ArgumentException("One statement at a time: the text has more than one.", nameof(text));
        }
        _compiled++;
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i <= raw.sqlite3_bind_parameter_count(handle); i++)
            names[raw.sqlite3_bind_parameter_name(handle, i).utf8_to_string()] = i;
        return new Statement(text, handle, names);
    }

    // Taken out while in use and put back after: the same text run again while a row callback still reads (a nested
    // use) compiles a second copy instead of rebinding the one being stepped.
    private void Give(Statement statement)
    {
        if (_prepared.Count >= Capacity)
            Clear();
        if (!_prepared.TryAdd(statement.Text, statement))
            statement.Handle.Dispose();
    }

    private static void Bind(Statement statement, string name, object? value)
    {
        if (!statement.Parameters.TryGetValue(name, out var index))
            throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
        var stmt = statement.Handle;
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(stmt, index),
            string s => BindText(stmt, index, s),
            long l => raw.sqlite3_bind_int64(stmt, index, l),
            int i => raw.sqlite3_bind_int64(stmt, index, i),
            short i => raw.sqlite3_bind_int64(stmt, index, i),
            byte i => raw.sqlite3_bind_int64(stmt, index, i),
            bool b => raw.sqlite3_bind_int64(stmt, index, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(stmt, index, d),
            float f => raw.sqlite3_bind_double(stmt, index, f),
            byte[] bytes => raw.sqlite3_bind_blob(stmt, index, bytes),
            _ => throw new ArgumentException($"No binding for a {value.GetType().Name}.", nameof(value)),
        };
        if (rc != raw.SQLITE_OK)
            throw new SqliteException($"SQLite could not bind {name}.", rc);
    }

    /// <summary>
    /// Text as UTF-8, the database's own encoding, encoded by .NET (vectorized) into a buffer SQLite copies before this
    /// returns. Given UTF-16 instead (as Microsoft.Data.Sqlite binds it), SQLite translated every string character by
    /// character as it stepped the statement: a case file of several KB on every save.
    /// </summary>
    private static int BindText(sqlite3_stmt stmt, int index, string value)
    {
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most <= 512)
        {
            Span<byte> small = stackalloc byte[most];
            return raw.sqlite3_bind_text(stmt, index, small[..Encoding.UTF8.GetBytes(value, small)]);
        }
        var rented = ArrayPool<byte>.Shared.Rent(most);
        try
        {
            return raw.sqlite3_bind_text(stmt, index, rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Clear()
    {
        foreach (var statement in _prepared.Values)
            statement.Handle.Dispose();
        _prepared.Clear();
    }

    private sealed record Statement(string Text, sqlite3_stmt Handle, Dictionary<string, int> Parameters);

    /// <summary>The current row of a stepped statement.</summary>
    private sealed class Row(sqlite3_stmt statement) : IDbRow
    {
        public bool IsDBNull(int ordinal) => raw.sqlite3_column_type(statement, ordinal) == raw.SQLITE_NULL;

        public string GetString(int ordinal) => raw.sqlite3_column_text(statement, ordinal).utf8_to_string();

        public bool TextEquals(int ordinal, ReadOnlySpan<byte> utf8) =>
            raw.sqlite3_column_type(statement, ordinal) == raw.SQLITE_TEXT && raw.sqlite3_column_blob(statement, ordinal).SequenceEqual(utf8);

        public long GetInt64(int ordinal) => raw.sqlite3_column_int64(statement, ordinal);

        public int GetInt32(int ordinal) => raw.sqlite3_column_int(statement, ordinal);

        // Times are UTC ticks on SQLite (the EF Core model's converter).
        public DateTimeOffset GetTime(int ordinal) => new(GetInt64(ordinal), TimeSpan.Zero);

        public decimal GetDecimal(int ordinal) => DbRow.SqliteDecimal(GetString(ordinal));

        public Guid GetGuid(int ordinal) =>
            raw.sqlite3_column_type(statement, ordinal) == raw.SQLITE_BLOB ? new Guid(raw.sqlite3_column_blob(statement, ordinal)) : Guid.Parse(GetString(ordinal));

        public bool GetBoolean(int ordinal) => GetInt64(ordinal) != 0;
    }
}
