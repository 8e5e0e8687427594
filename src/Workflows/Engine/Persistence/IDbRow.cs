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

    string? NullableString(int ordinal) => IsDBNull(ordinal) ? null : GetString(ordinal);

    DateTimeOffset? NullableTime(int ordinal) => IsDBNull(ordinal) ? null : GetTime(ordinal);
}
