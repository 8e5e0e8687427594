namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// A row of a step's read, whichever way it was read: from a statement kept prepared on a SQLite connection
/// (<see cref="SqliteStatements"/>) or from an ADO.NET data reader (<see cref="DbRow"/>).
/// </summary>
internal interface IStepRow
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
