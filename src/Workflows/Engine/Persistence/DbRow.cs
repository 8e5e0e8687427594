using System.Data.Common;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>The current row of an ADO.NET data reader, with the model's time convention of its database.</summary>
internal sealed class DbRow(DbDataReader reader, bool sqlite) : IDbRow
{
    public bool IsDBNull(int ordinal) => reader.IsDBNull(ordinal);

    public string GetString(int ordinal) => reader.GetString(ordinal);

    public long GetInt64(int ordinal) => reader.GetInt64(ordinal);

    public int GetInt32(int ordinal) => reader.GetInt32(ordinal);

    public DateTimeOffset GetTime(int ordinal) =>
        sqlite ? new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero) : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
