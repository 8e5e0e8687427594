using ExportTaxCheck.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportTaxCheck.Engine.Tests.Persistence;

/// <summary>
/// A view's reads on SQLite run as one snapshot: what another connection commits between two of them is not seen by the
/// second, and is seen by the next view. The connection goes back to the pool with no transaction open, also after a
/// read that failed, and its statements stay prepared.
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

        await Assert.ThrowsAsync<InvalidOperationException>(() => SnapshotReads.ReadAsync<string>(db, async q =>
        {
            await ValueAsync(q);
            throw new InvalidOperationException("the view could not be built");
        }, default));
        var compiled = CompiledOn(db);
        var again = await SnapshotReads.ReadAsync(db, ValueAsync, default);
        // A write on the same connection commits: no transaction was left open to swallow it.
        var setting = await db.Set<SettingRecord>().SingleAsync(s => s.Key == "k");
        setting.Value = "written";
        await db.SaveChangesAsync();

        Assert.True(IsAutocommit(db));
        Assert.Equal("original", again);
        Assert.Equal(compiled, CompiledOn(db));
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
