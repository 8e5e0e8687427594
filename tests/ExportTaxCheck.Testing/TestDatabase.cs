namespace ExportTaxCheck.Testing;

/// <summary>Which database a Host under test runs on.</summary>
public enum TestDatabase
{
    Sqlite,
    PostgreSql,
}
