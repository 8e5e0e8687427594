namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// A row read with plain ADO.NET (a step's reads, <see cref="SnapshotReads"/>), whichever way it was read: from a statement
/// kept prepared on a SQLite connection (<see cref="SqliteStatements"/>) or from an ADO.NET data reader (<see cref="DbRow"/>).
/// </summary>
public interface IDbRow
{
    bool IsDBNull(int ordinal);

    string GetString(int ordinal);

    long GetInt64(int ordinal);

    int GetInt32(int ordinal);

    /// <summary>A time column as the model stores it (UTC ticks on SQLite, <c>timestamptz</c> on PostgreSQL).</summary>
    DateTimeOffset GetTime(int ordinal);

    /// <summary>A decimal column as the model stores it (text on SQLite, <c>numeric</c> on PostgreSQL).</summary>
    decimal GetDecimal(int ordinal);

    decimal? NullableDecimal(int ordinal) => IsDBNull(ordinal) ? null : GetDecimal(ordinal);

    /// <summary>A GUID column (upper-case text on SQLite, as Microsoft.Data.Sqlite binds it; <c>uuid</c> on PostgreSQL).</summary>
    Guid GetGuid(int ordinal);

    /// <summary>A boolean column (0 or 1 on SQLite).</summary>
    bool GetBoolean(int ordinal);

    /// <summary>
    /// True when the text column holds exactly <paramref name="utf8"/>, compared without decoding it to a string (rows of
    /// statements kept prepared on SQLite); false when it differs or this row cannot tell without decoding.
    /// </summary>
    bool TextEquals(int ordinal, ReadOnlySpan<byte> utf8) => false;

    string? NullableString(int ordinal) => IsDBNull(ordinal) ? null : GetString(ordinal);

    DateTimeOffset? NullableTime(int ordinal) => IsDBNull(ordinal) ? null : GetTime(ordinal);
}
