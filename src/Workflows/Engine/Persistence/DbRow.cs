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

    public decimal GetDecimal(int ordinal) => sqlite ? SqliteDecimal(reader.GetString(ordinal)) : reader.GetDecimal(ordinal);

    public Guid GetGuid(int ordinal) => sqlite ? Guid.Parse(reader.GetString(ordinal)) : reader.GetGuid(ordinal);

    public bool GetBoolean(int ordinal) => sqlite ? reader.GetInt64(ordinal) != 0 : reader.GetBoolean(ordinal);

    /// <summary>A decimal as the EF Core SQLite provider stores it: invariant text.</summary>
    public static decimal SqliteDecimal(string text) =>
        decimal.Parse(text, System.Globalization.NumberStyles.Number | System.Globalization.NumberStyles.AllowExponent, System.Globalization.CultureInfo.InvariantCulture);
}
