using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// The engine's own migration stream (Migrations/Sqlite for <see cref="WorkflowDbContext"/>, Migrations/PostgreSql for
/// <see cref="PostgreSqlDbContext"/>): the engine's tables and nothing of any module, recorded in EF Core's default
/// history table.
/// </summary>
public static class EngineMigrations
{
    public const string HistoryTable = "__EFMigrationsHistory";

    /// <summary>A context whose model is the engine's tables alone, for migrating (and for <c>dotnet ef</c>).</summary>
    public static WorkflowDbContext CreateContext(DatabaseOptions database)
    {
        if (database.IsPostgreSql)
        {
            var postgreSql = new DbContextOptionsBuilder<PostgreSqlDbContext>();
            ServiceCollectionExtensions.ConfigureDatabase(postgreSql, database, [], HistoryTable);
            return new PostgreSqlDbContext(postgreSql.Options);
        }
        var sqlite = new DbContextOptionsBuilder<WorkflowDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(sqlite, database, [], HistoryTable);
        return new WorkflowDbContext(sqlite.Options);
    }
}
