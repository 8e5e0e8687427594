namespace ExportTaxCheck.Engine.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/exporttaxcheck.db";

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);
}
