using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Creates the database if needed and applies the migrations: the engine's stream, then each module's in the order the
/// modules were added (a module's tables may be filled from the engine's, never the other way round). Before that,
/// each module may take over a database an earlier layout made (<see cref="IDatabaseAdoption"/>). SQLite runs in WAL mode.
/// </summary>
public sealed class DatabaseInitializer(DatabaseOptions database, IEnumerable<ModuleMigrations> modules, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        if (database.IsSqlite)
            CreateDirectory();

        var streams = modules.ToList();
        foreach (var module in streams.Where(m => m.Adoption is not null))
        {
            await using var engine = EngineMigrations.CreateContext(database);
            await using var own = module.CreateContext(database);
            await module.Adoption!.AdoptAsync(engine, own, ct);
        }

        await using (var engine = EngineMigrations.CreateContext(database))
            await MigrateAsync(engine, "engine", ct);
        foreach (var module in streams)
        {
            await using var own = module.CreateContext(database);
            await MigrateAsync(own, module.Name, ct);
        }

        if (database.IsSqlite)
        {
            await using var engine = EngineMigrations.CreateContext(database);
            // WAL lets readers run beside the single writer; the setting is stored in the database file.
            await engine.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    private async Task MigrateAsync(WorkflowDbContext db, string stream, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (pending.Count > 0)
            logger.LogInformation("Applied {Count} {Stream} migration(s): {Migrations}", pending.Count, stream, string.Join(", ", pending));
    }

    private void CreateDirectory()
    {
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.Mode != SqliteOpenMode.Memory)
            Directory.CreateDirectory(directory);
    }
}
