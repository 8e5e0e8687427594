using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>Creates the database if needed and applies migrations; SQLite runs in WAL mode.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<WorkflowDbContext> dbFactory, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory) && builder.Mode != SqliteOpenMode.Memory)
                Directory.CreateDirectory(directory);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (pending.Count > 0)
            logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));

        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the single writer; the setting is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
