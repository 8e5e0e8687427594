using ExportTaxCheck.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportTaxCheck.Engine.Tests.Persistence;

/// <summary>
/// The process's one SQLite writer: its connection keeps its page cache from one of its commits to the next (a pooled
/// connection finds its cache dropped by another's commit), its units of work run one at a time, work that already holds
/// it runs anything it writes alone on its own connection instead of waiting for itself, and a connection left in a
/// transaction is given up. An in-memory database has no writer.
/// </summary>
public sealed class SqliteWriterTests : IAsyncDisposable
{
    private const int CacheMisses = 8; // SQLITE_DBSTATUS_CACHE_MISS

    private readonly string _directory = Directory.CreateTempSubdirectory("etc-writer-").FullName;
    private readonly ServiceProvider _services;

    public SqliteWriterTests()
    {
        _services = Engine($"Data Source={Path.Combine(_directory, "writer.db")}");
    }

    private static ServiceProvider Engine(string connectionString) =>
        new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddWorkflowEngine(new DatabaseOptions { ConnectionString = connectionString }).BuildServiceProvider();

    private SqliteWriter Writer => _services.GetRequiredService<SqliteWriter>();

    [Fact]
    public async Task TheWritersNextTransaction_FindsItsPagesCached_WhereAPooledConnectionReadsThemAgainAfterAnothersCommit()
    {
        await InitializeAsync();
        await using var pooled = await CreateAsync();
        await pooled.Database.OpenConnectionAsync();
        await SetAsync(pooled, "k", "pooled");
        await Writer.RunAsync(db => SetAsync(db, "k", "first"), default);

        var writerMisses = await Writer.RunAsync(async db =>
        {
            ResetMisses(db);
            await SetAsync(db, "k", "second");
            return ResetMisses(db);
        }, default);
        // The same write on the pooled unit of work, which read these pages before the writer's commits.
        ResetMisses(pooled);
        await SetAsync(pooled, "k", "third");
        var pooledMisses = ResetMisses(pooled);
        await pooled.Database.CloseConnectionAsync();

        Assert.Equal(0, writerMisses);
        Assert.True(pooledMisses > 0, $"a pooled connection after another's commit read {pooledMisses} pages");
        Assert.Equal("third", await ValueAsync("k"));
    }

    [Fact]
    public async Task UnitsOfWork_RunOneAtATime_OnOneConnection_AndAllCommit()
    {
        await InitializeAsync();
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => Writer.RunAsync(async db =>
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            await Task.Yield();
            await SetAsync(db, "key-" + i, "v" + i);
            Interlocked.Decrement(ref inside);
        }, default))));

        Assert.Equal(1, most);
        Assert.Equal(1, Writer.Connections);
        Assert.Equal(16, Writer.Units);
        for (var i = 0; i < 16; i++)
            Assert.Equal("v" + i, await ValueAsync("key-" + i));
    }

    [Fact]
    public async Task WorkHoldingTheWriter_WritesAloneOnItsOwnConnection_InsteadOfWaitingForItself()
    {
        await InitializeAsync();
        await using var own = await CreateAsync();

        var (available, drawnOnWriter) = await Writer.RunAsync(async db =>
        {
            var units = Writer.Units;
            await own.WriteAloneAsync(unit => SetAsync(unit, "nested", "written alone"), default).WaitAsync(TimeSpan.FromSeconds(30));
            return (Writer.Available, Writer.Units != units);
        }, default);

        Assert.False(available);
        Assert.False(drawnOnWriter);
        Assert.True(Writer.Available);
        Assert.Equal("written alone", await ValueAsync("nested"));
    }

    [Fact]
    public async Task AWriteAlone_RunsOnTheWriter_UnlessTheUnitOfWorkIsInATransaction()
    {
        await InitializeAsync();
        await using var db = await CreateAsync();

        var before = Writer.Units;
        await db.WriteAloneAsync(unit => SetAsync(unit, "alone", "on the writer"), default);
        var afterAlone = Writer.Units;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.WriteAloneAsync(unit => SetAsync(unit, "joined", "in the transaction"), default);
            await transaction.RollbackAsync();
        }

        Assert.Equal(before + 1, afterAlone);
        Assert.Equal(afterAlone, Writer.Units);
        Assert.Equal("on the writer", await ValueAsync("alone"));
        // Rolled back with the unit of work's transaction it joined.
        Assert.Null(await ValueAsync("joined"));
    }

    [Fact]
    public async Task AConnectionLeftInATransaction_IsGivenUp_AndTheNextUnitOfWorkOpensAnother()
    {
        await InitializeAsync();
        await Writer.RunAsync(db => SetAsync(db, "k", "before"), default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Writer.RunAsync(async db =>
        {
            await db.Database.BeginTransactionAsync();
            await SetAsync(db, "k", "never committed");
            throw new InvalidOperationException("the work failed halfway");
        }, default));
        await Writer.RunAsync(db => SetAsync(db, "after", "written"), default);

        Assert.Equal(2, Writer.Connections);
        Assert.Equal("before", await ValueAsync("k"));
        Assert.Equal("written", await ValueAsync("after"));
    }

    [Fact]
    public async Task AnInMemoryDatabase_HasNoWriter()
    {
        await using var memory = Engine("Data Source=writer-memory;Mode=Memory;Cache=Shared");

        Assert.False(memory.GetRequiredService<SqliteWriter>().Available);
        await Assert.ThrowsAsync<InvalidOperationException>(() => memory.GetRequiredService<SqliteWriter>().RunAsync(_ => Task.CompletedTask, default));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    // Pages this unit of work's connection read from the file since the last call.
    private static int ResetMisses(WorkflowDbContext db)
    {
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
        Assert.Equal(0, SQLitePCL.raw.sqlite3_db_status(handle, CacheMisses, out var misses, out _, 1));
        return misses;
    }

    // Committed at once, unless the unit of work is in a transaction.
    private static async Task<int> SetAsync(WorkflowDbContext db, string key, string value)
    {
        var setting = await db.Set<SettingRecord>().SingleOrDefaultAsync(s => s.Key == key);
        if (setting is null)
            db.Add(new SettingRecord { Key = key, Value = value, UpdatedAt = DateTimeOffset.UnixEpoch });
        else
            setting.Value = value;
        return await db.SaveChangesAsync();
    }

    private async Task InitializeAsync() => await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);

    private Task<WorkflowDbContext> CreateAsync() => _services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

    private async Task<string?> ValueAsync(string key)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "writer.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Value" FROM "Settings" WHERE "Key" = $key""";
        command.Parameters.AddWithValue("$key", key);
        return (string?)await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
