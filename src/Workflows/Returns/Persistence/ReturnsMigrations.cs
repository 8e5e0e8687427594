namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// The return case's own migration stream (Persistence/Migrations/Sqlite and /PostgreSql): its tables only, recorded
/// apart from the engine's so that each stream knows only its own migrations.
/// </summary>
public static class ReturnsMigrations
{
    public const string HistoryTable = "__ReturnsMigrationsHistory";
}
