using ExportTaxCheck.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Tests.Persistence;

public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-pragma-").FullName;

    [Fact]
    public async Task ManyLogicalOpens_OnePooledConnection_AreSetUpOnceAndKeepTheSettings()
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        var file = Path.Combine(_directory, "pool.db");
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = $"Data Source={file}" }, []);

        var timeouts = new List<long>();
        var tempStores = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            await using var db = new WorkflowDbContext(builder.Options);
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            timeouts.Add((long)(await command.ExecuteScalarAsync())!);
            command.CommandText = "PRAGMA temp_store;";
            tempStores.Add((long)(await command.ExecuteScalarAsync())!);
            await db.Database.CloseConnectionAsync();
        }

        Assert.Equal(1, SqliteConnectionSettings.Instance.AppliedTo(file));
        // SQLite reports no busy timeout of its own once another busy handler is set: the engine's (below) waits instead.
        Assert.All(timeouts, t => Assert.Equal(0, t));
        Assert.All(tempStores, t => Assert.Equal(2, t)); // 2 = MEMORY
    }

    [Fact]
    public async Task EfCoreSqlFunctions_AreOnThePhysicalConnection_OnEveryLogicalOpenAndBetweenThem()
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        var file = Path.Combine(_directory, "functions.db");
        var connectionString = $"Data Source={file}";
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = connectionString }, []);
        // The pool's one physical connection is first opened without EF Core, so it starts without its functions.
        await using (var plain = new SqliteConnection(connectionString))
            await plain.OpenAsync();

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await using var db = new WorkflowDbContext(builder.Options);
            await db.Database.OpenConnectionAsync();
            answers.Add(await ScalarAsync(db.Database.GetDbConnection(),
                "SELECT ef_compare('2.50', '10') || ' ' || ('abc' REGEXP 'b') || ' ' || (SELECT ef_sum(x) FROM (SELECT '1.5' AS x UNION ALL SELECT '2.25'))"));
            await db.Database.CloseConnectionAsync();
        }

        Assert.All(answers, a => Assert.Equal("-1 1 3.75", a));
        // Registered once for the connection's life, not removed when it goes back to the pool after each open.
        await using var after = new SqliteConnection(connectionString);
        await after.OpenAsync();
        Assert.Equal("1", await ScalarAsync(after, "SELECT ef_compare('10', '2.5')"));
    }

    [Fact]
    public async Task AWriterThatFindsTheWriteLockTaken_TriesEveryMillisecond_AndWritesAsSoonAsItIsFree()
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        var file = Path.Combine(_directory, "busy.db");
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = $"Data Source={file}" }, []);
        await using var holder = new WorkflowDbContext(builder.Options);
        await holder.Database.OpenConnectionAsync();
        await ExecuteAsync(holder.Database.GetDbConnection(), "PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER)");
        await ExecuteAsync(holder.Database.GetDbConnection(), "BEGIN IMMEDIATE; INSERT INTO t VALUES (1)");

        var before = SqliteBusyWait.Waits;
        var writer = Task.Run(async () =>
        {
            await using var db = new WorkflowDbContext(builder.Options);
            await db.Database.OpenConnectionAsync();
            await ExecuteAsync(db.Database.GetDbConnection(), "INSERT INTO t VALUES (2)");
        });
        // The writer waits in the busy handler (counted), not in Microsoft.Data.Sqlite's 150 ms retry loop (not counted).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (SqliteBusyWait.Waits - before < 5)
            await Task.Delay(1, timeout.Token);
        Assert.False(writer.IsCompleted);

        await ExecuteAsync(holder.Database.GetDbConnection(), "COMMIT");
        await writer.WaitAsync(timeout.Token);
        Assert.Equal("1,2", await ScalarAsync(holder.Database.GetDbConnection(), "SELECT group_concat(x, ',') FROM (SELECT x FROM t ORDER BY x)"));
    }

    [Fact]
    public async Task SqliteCountsNoMemory_SoItsAllocationsTakeNoProcessWideLock()
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "memory.db")}" }, []);
        await using var db = new WorkflowDbContext(builder.Options);
        await db.Database.OpenConnectionAsync();
        // Work that allocates inside SQLite: pages in its cache, a sort, a megabyte of blobs.
        await ExecuteAsync(db.Database.GetDbConnection(), "CREATE TABLE t (x BLOB); INSERT INTO t SELECT randomblob(1000) FROM "
                                                          + "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT i FROM n)");
        Assert.Equal("2000000", await ScalarAsync(db.Database.GetDbConnection(), "SELECT sum(length(hex(x))) FROM (SELECT x FROM t ORDER BY x)"));

        Assert.True(SqliteProcessSettings.MemoryStatisticsOff);
        Assert.Equal(0, SQLitePCL.raw.sqlite3_memory_used());
        // Made once: a later call changes nothing (SQLite has started; it would refuse the setting now).
        SqliteProcessSettings.Apply();
        Assert.True(SqliteProcessSettings.MemoryStatisticsOff);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
