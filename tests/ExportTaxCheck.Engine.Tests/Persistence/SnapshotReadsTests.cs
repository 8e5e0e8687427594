using ExportTaxCheck.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportTaxCheck.Engine.Tests.Persistence;

/// <summary>
/// A view's reads on SQLite run as one snapshot: what another connection commits between two of them is not seen by the
/// second, and is seen by the next view. The connection they ran on (the process's writer) is left with no transaction
/// open, also after a read that failed, and its statements stay prepared; a unit of work that held it open for plain reads closes it when it
/// is given back, so the next one leased from the pool is not left holding its connection after each query.
/// </summary>
public sealed class SnapshotReadsTests : IAsyncDisposable
{
    private const string ValueOf = """SELECT "Value" FROM "Settings" WHERE "Key" = @key""";

    private readonly string _directory = Directory.CreateTempSubdirectory("etc-snapshot-").FullName;
    private readonly ServiceProvider _services;

    public SnapshotReadsTests()
    {
        _services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddWorkflowEngine(new DatabaseOptions { ConnectionString = ConnectionString }).BuildServiceProvider();
    }

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "snapshot.db")}";

    [Fact]
    public async Task ReadsOfOneView_SeeOneSnapshot_AndTheNextViewSeesWhatWasCommittedMeanwhile()
    {
        await InitializeAsync();
        await using var db = await CreateAsync();

        var (first, second) = await SnapshotReads.ReadAsync(db, async q =>
        {
            var before = await ValueAsync(q);
            await SetAsync("changed");
            return (before, await ValueAsync(q));
        }, default);
        var next = await SnapshotReads.ReadAsync(db, ValueAsync, default);

        Assert.Equal("original", first);
        Assert.Equal("original", second);
        Assert.Equal("changed", next);
    }

    [Fact]
    public async Task AReadThatFailed_LeavesNoTransactionOpen_AndTheStatementsStayPrepared()
    {
        await InitializeAsync();
        await using var db = await CreateAsync();
        var writer = _services.GetRequiredService<SqliteWriter>();

        // On a SQLite file a view's reads run on the process's writer connection.
        await Assert.ThrowsAsync<InvalidOperationException>(() => SnapshotReads.ReadAsync<string>(db, async q =>
        {
            await ValueAsync(q);
            throw new InvalidOperationException("the view could not be built");
        }, default));
        var compiled = await writer.RunAsync(w => Task.FromResult(CompiledOn(w)), default);
        var again = await SnapshotReads.ReadAsync(db, ValueAsync, default);
        // A write on the same connection commits: no transaction was left open to swallow it.
        var autocommit = await writer.RunAsync(async w =>
        {
            var setting = await w.Set<SettingRecord>().SingleAsync(s => s.Key == "k");
            setting.Value = "written";
            await w.SaveChangesAsync();
            return IsAutocommit(w);
        }, default);

        Assert.True(autocommit);
        Assert.Equal("original", again);
        Assert.Equal(1, writer.Connections);
        Assert.Equal(compiled, await writer.RunAsync(w => Task.FromResult(CompiledOn(w)), default));
        Assert.Equal("written", await ValueFromAnotherConnectionAsync());
    }

    [Fact]
    public async Task PlainQueries_RunOnAContextOfTheEngine_AndAContextMadeElsewhereIsRefused()
    {
        await InitializeAsync();
        await using (var db = await CreateAsync())
            Assert.Equal("original", await ValueAsync(await SnapshotReads.OnAsync(db, default)));

        // Without the engine's command counter its statements would go uncounted in workflow.db.commands.
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = ConnectionString }, []);
        await using var elsewhere = new WorkflowDbContext(builder.Options);
        await Assert.ThrowsAsync<InvalidOperationException>(() => SnapshotReads.OnAsync(elsewhere, default));
    }

    [Fact]
    public async Task AUnitOfWorkGivenBackAfterPlainReads_LeavesTheNextOneFreeToCloseItsConnection()
    {
        await InitializeAsync();
        // Units of work that read with plain statements (the connection held open) go back to the context pool ...
        var held = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CreateAsync()));
        foreach (var db in held)
            Assert.Equal("original", await SnapshotReads.ReadAsync(db, ValueAsync, default));
        foreach (var db in held)
            await db.DisposeAsync();

        // ... and whichever of them the next units of work get, an EF Core query gives its connection back when it is done.
        var next = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CreateAsync()));
        foreach (var db in next)
        {
            Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
            Assert.True(await db.Set<SettingRecord>().AnyAsync());
            Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task AUnitOfWorkThatJoinedAPlainTransaction_GoesBackFreeToCloseItsConnection()
    {
        await InitializeAsync();
        var store = _services.GetRequiredService<StepStore>();
        // Units of work that wrote in a step's plain transaction (EF Core enlisted in it, then let go) ...
        var held = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CreateAsync()));
        for (var i = 0; i < held.Length; i++)
        {
            var sql = await store.BeginAsync(held[i], default);
            await using (var transaction = sql.Transaction!)
            {
                held[i].Add(new SettingRecord { Key = "enlisted-" + i, Value = "x", UpdatedAt = DateTimeOffset.UnixEpoch });
                await (await sql.EnlistAsync(held[i], default)).SaveChangesAsync();
                await transaction.CommitAsync();
                await sql.LeaveAsync();
            }
            await held[i].DisposeAsync();
        }

        // ... leave the next ones leased from the pool closing their connection after each query.
        var next = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CreateAsync()));
        foreach (var db in next)
        {
            Assert.Equal(8, await db.Set<SettingRecord>().CountAsync(r => r.Key.StartsWith("enlisted-")));
            Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
            await db.DisposeAsync();
        }
    }

    private static async Task<string> ValueAsync(IDbQueries q) => (await q.QueryAsync(ValueOf, r => r.GetString(0), default, ("key", "k"))).Single();

    private async Task InitializeAsync()
    {
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
        await using var db = await CreateAsync();
        db.Add(new SettingRecord { Key = "k", Value = "original", UpdatedAt = DateTimeOffset.UnixEpoch });
        await db.SaveChangesAsync();
    }

    private Task<WorkflowDbContext> CreateAsync() => _services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

    // Another connection, outside the factory's pool of contexts, as another request would be.
    private async Task SetAsync(string value)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """UPDATE "Settings" SET "Value" = $value WHERE "Key" = 'k'""";
        command.Parameters.AddWithValue("$value", value);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static bool IsAutocommit(WorkflowDbContext db) =>
        SQLitePCL.raw.sqlite3_get_autocommit(((SqliteConnection)db.Database.GetDbConnection()).Handle!) != 0;

    private static long CompiledOn(WorkflowDbContext db) => SqliteStatements.Of((SqliteConnection)db.Database.GetDbConnection())!.Compiled;

    private async Task<string?> ValueFromAnotherConnectionAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Value" FROM "Settings" WHERE "Key" = 'k'""";
        return (string?)await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
