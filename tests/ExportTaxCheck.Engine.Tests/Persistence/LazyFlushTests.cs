using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tests.Support;

namespace ExportTaxCheck.Engine.Tests.Persistence;

/// <summary>
/// A lazy flush relaxes only a SQLite connection outside a transaction, and only until it is disposed: a connection goes
/// back to the pool waiting for the disk on every commit, as every step's commit must.
/// </summary>
public sealed class LazyFlushTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task OutsideATransaction_CommitsWithoutWaitingForTheDisk_UntilDisposed()
    {
        await using var db = await _engine.ContextAsync();
        Assert.Equal(2L, await SynchronousAsync(db));

        await using (var lazy = await LazyFlush.BeginAsync(db, default))
        {
            Assert.NotNull(lazy);
            Assert.Equal(1L, await SynchronousAsync(db));
        }

        Assert.Equal(2L, await SynchronousAsync(db));
    }

    [Fact]
    public async Task InsideATransaction_LeavesTheCommitAsItIs()
    {
        await using var db = await _engine.ContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();

        await using var lazy = await LazyFlush.BeginAsync(db, default);

        Assert.Null(lazy);
        Assert.Equal(2L, await SynchronousAsync(db));
    }

    private static async Task<long> SynchronousAsync(WorkflowDbContext db) =>
        (await (await SnapshotReads.OnAsync(db, default)).QueryAsync("PRAGMA synchronous", r => r.GetInt64(0), default)).Single();
}
