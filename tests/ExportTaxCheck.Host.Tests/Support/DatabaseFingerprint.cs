using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Support;

/// <summary>
/// Every table of the EF model as row count and a hash of all its rows, so a request that was refused can be shown to
/// have written nothing. Tables and columns come from <c>db.Model</c> and are read with plain SELECTs, so the same
/// fingerprint works on SQLite and PostgreSQL. The scan also lists stored strings longer than the model's maximum or
/// holding a NUL character: SQLite keeps them, PostgreSQL refuses them with an error the caller would see as a 500.
/// </summary>
public sealed record DatabaseFingerprint(IReadOnlyDictionary<string, (long Rows, string Hash)> Tables, IReadOnlyList<string> Unportable)
{
    public static async Task<DatabaseFingerprint> TakeAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var tables = Queries(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        // One command for all tables: both SQLite and PostgreSQL return one result set per statement.
        await using var command = connection.CreateCommand();
        command.CommandText = string.Join(";\n", tables.Select(t => t.Select));
        await using var reader = await command.ExecuteReaderAsync();
        var fingerprints = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        var unportable = new List<string>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            long rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var value = reader.GetValue(i);
                    // UTF-16 bytes of the text as they are: no encoding pass over the definitions' JSON for every request.
                    hash.AppendData(value switch
                    {
                        DBNull => "\u0001null"u8,
                        byte[] bytes => bytes,
                        string text => MemoryMarshal.AsBytes(text.AsSpan()),
                        _ => MemoryMarshal.AsBytes((Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").AsSpan()),
                    });
                    hash.AppendData("\u0000"u8);
                    if (value is not string stored)
                        continue;
                    var (column, max) = table.Columns[i];
                    if (max is not null && stored.Length > max)
                        unportable.Add($"{table.Name}.{column} holds {stored.Length} characters, more than its {max}");
                    if (stored.Contains('\0', StringComparison.Ordinal))
                        unportable.Add($"{table.Name}.{column} holds a NUL character");
                }
            }
            fingerprints[table.Name] = (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
            await reader.NextResultAsync();
        }
        return new DatabaseFingerprint(fingerprints, unportable.Distinct().ToList());
    }

    private sealed record TableQuery(string Name, string Select, IReadOnlyList<(string Column, int? MaxLength)> Columns);

    private static IReadOnlyList<TableQuery>? _tables;

    /// <summary>Every table of the model once (entities sharing a table are read once), with its SELECT ordered by key.</summary>
    private static IReadOnlyList<TableQuery> Queries(DbContext db) => _tables ??= BuildTables(db);

    private static List<TableQuery> BuildTables(DbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var tables = new List<TableQuery>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null).OrderBy(e => e.GetTableName(), StringComparer.Ordinal))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            if (tables.Any(t => t.Name == table.DisplayName()))
                continue;
            var columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).Select(p => (p.GetColumnName(table)!, p.GetMaxLength())).ToList();
            var key = entity.FindPrimaryKey()!.Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!));
            tables.Add(new TableQuery(table.DisplayName(), $"SELECT {string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Item1)))} " +
                $"FROM {sql.DelimitIdentifier(table.Name, table.Schema)} ORDER BY {string.Join(", ", key)}", columns));
        }
        return tables;
    }

    /// <summary>The tables whose rows differ from <paramref name="before"/>, as "Table: rows 3 → 4" (or "changed").</summary>
    public IReadOnlyList<string> ChangesSince(DatabaseFingerprint before) =>
        Tables.Where(t => !before.Tables.TryGetValue(t.Key, out var old) || old != t.Value)
            .Select(t => before.Tables.TryGetValue(t.Key, out var old) && old.Rows != t.Value.Rows ? $"{t.Key}: rows {old.Rows} → {t.Value.Rows}" : $"{t.Key}: changed")
            .ToList();

    /// <summary>
    /// Waits until the Host's background workers have nothing left to do now: no instance left Running for the
    /// dispatcher, no undelivered published event, no due mail or usage feedback (a message being sent is Pending until
    /// it is Sent), no due timer, trigger or task reminder. The fixture's clock stands still, so once this holds nothing
    /// changes rows on its own; it polls the database, it does not wait for time to pass.
    /// </summary>
    public static async Task SettleAsync(IServiceProvider services, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var sweeps = services.GetRequiredService<RuntimeSweeps>();
        var taskTimers = services.GetRequiredService<TaskTimers>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        while (true)
        {
            string? busy;
            await using (var db = await factory.CreateDbContextAsync())
            {
                busy = await db.WorkflowInstances.AnyAsync(i => i.Status == WorkflowStatus.Running) ? "an instance is Running"
                    : await db.PendingEvents.AnyAsync(e => e.ProcessedAt == null) ? "a published event is undelivered"
                    : await db.Outbox.AnyAsync(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now) ? "mail is due"
                    : await db.Set<UsageFeedbackRecord>().AnyAsync(f => f.Status == FeedbackStatus.Pending && f.NextAttemptAt <= now) ? "usage feedback is due"
                    : await sweeps.NextDueAsync(CancellationToken.None) <= now ? "a timer or trigger is due"
                    : await taskTimers.NextDueAsync(CancellationToken.None) <= now ? "a task reminder or escalation is due"
                    : null;
            }
            if (busy is null)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The Host's workers did not settle: {busy}.");
            await Task.Delay(10);
        }
    }
}
