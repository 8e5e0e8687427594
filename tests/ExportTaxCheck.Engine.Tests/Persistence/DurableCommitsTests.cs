using ExportTaxCheck.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Tests.Persistence;

/// <summary>
/// Commits that do not wait for the disk, made durable by writes of the log that many share: a flush returns only after a
/// write that began after it was called, and the calls that arrive during one write share the next.
/// </summary>
public sealed class DurableCommitsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-durable-").FullName;

    [Fact]
    public async Task CallsArrivingDuringAWrite_WaitForTheNextOne_AndShareIt()
    {
        var first = new ManualResetEventSlim();
        var writes = 0;
        var commits = new DurableCommits("/db-wal", _ =>
        {
            if (Interlocked.Increment(ref writes) == 1)
                first.Wait(TimeSpan.FromSeconds(30));
        });

        var leading = Task.Run(async () => await commits.FlushAsync(default));
        await WaitUntilAsync(() => Volatile.Read(ref writes) == 1);
        // These callers committed while the first write was under way: it may not hold their commits.
        var writesSeen = new int[3];
        var late = Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            await commits.FlushAsync(default);
            writesSeen[i] = Volatile.Read(ref writes);
        })).ToList();
        await WaitUntilAsync(() => commits.Calls == 4);
        Assert.All(late, t => Assert.False(t.IsCompleted));
        first.Set();
        await leading;
        await Task.WhenAll(late);

        Assert.Equal(2, writes);
        Assert.Equal(2, commits.Syncs);
        Assert.All(writesSeen, w => Assert.Equal(2, w));
    }

    [Fact]
    public async Task ACallAfterAWrite_GetsAWriteOfItsOwn()
    {
        var writes = 0;
        var commits = new DurableCommits("/db-wal", _ => Interlocked.Increment(ref writes));

        await commits.FlushAsync(default);
        await commits.FlushAsync(default);

        Assert.Equal(2, writes);
    }

    [Fact]
    public async Task TheLogOfAFileDatabase_IsWrittenToDisk_AndAMissingLogIsNothingToWrite()
    {
        var file = Path.Combine(_directory, "flush.db");
        var commits = DurableCommits.For(new DatabaseOptions { ConnectionString = $"Data Source={file};Pooling=False" });
        Assert.Equal(Path.GetFullPath(file) + "-wal", commits.Log);
        Assert.Same(commits, DurableCommits.For(new DatabaseOptions { ConnectionString = $"Data Source={file};Cache=Private" }));
        await commits.FlushAsync(default);

        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = $"Data Source={file}" }, []);
        await using var db = new WorkflowDbContext(builder.Options);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);");
        Assert.True(File.Exists(commits.Log));
        await DurableCommits.FlushAsync(db, default);
        Assert.Equal(2, commits.Syncs);

        // Before work leaves the process: a write for work in hand, none for none.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES (2);");
        await DurableCommits.FlushBeforeAsync(db, Array.Empty<string>(), default);
        Assert.Equal(2, commits.Syncs);
        await DurableCommits.FlushBeforeAsync(db, ["claimed"], default);
        Assert.Equal(3, commits.Syncs);
    }

    [Fact]
    public void InMemoryAndPostgreSqlDatabases_HaveNoLogToWrite()
    {
        Assert.Null(DurableCommits.For(new DatabaseOptions { ConnectionString = "Data Source=:memory:" }).Log);
        Assert.Null(DurableCommits.For(new DatabaseOptions { ConnectionString = "Data Source=shared;Mode=Memory;Cache=Shared" }).Log);
        Assert.Null(DurableCommits.For(new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = "Host=127.0.0.1" }).Log);
    }

    [Fact]
    public async Task EngineConnections_CommitWithoutWaitingForTheDisk()
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "normal.db")}" }, []);
        await using var db = new WorkflowDbContext(builder.Options);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";

        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!); // 1 = NORMAL
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition did not come true in 30 s.");
            await Task.Delay(5);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
