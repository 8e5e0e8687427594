using System.Buffers.Binary;
using System.Data;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// One step of an instance at a time. In this process a keyed mutex orders the commands; on PostgreSQL a session
/// advisory lock on the instance id, taken on the step's own connection, also keeps other nodes out while the step runs.
/// The lock belongs to that database session, so a node that dies (even by SIGKILL) loses its locks when PostgreSQL
/// notices the closed connection, and the other nodes go on. On SQLite the instance row's revision is what catches a
/// second process.
/// </summary>
public sealed class InstanceLocks(DatabaseOptions database, StepStore store)
{
    private readonly KeyedLock _local = new();

    /// <summary>
    /// Takes the instance's lock for a step that runs on <paramref name="db"/>. A step waiting for another step of the same
    /// instance here first gives its connection back to the pool (the step it waits for, and the group commit that step
    /// waits for, may need one); on PostgreSQL the advisory lock is then taken on <paramref name="db"/>'s connection, so a
    /// step never holds a connection while it waits for a second one.
    /// </summary>
    public async Task<IAsyncDisposable> AcquireAsync(string instanceId, WorkflowDbContext db, CancellationToken ct)
    {
        var local = await _local.AcquireAsync(instanceId, ct, () => db.Database.CloseConnectionAsync());
        if (!database.IsPostgreSql)
            return new Held(local, null, null, 0);

        var key = Key(instanceId);
        try
        {
            await (await store.OpenAsync(db, ct)).ExecuteAsync("SELECT pg_advisory_lock(@key)", ct, ("key", key));
            return new Held(local, store, db, key);
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    /// <summary>A stable 64-bit key for the instance id (advisory locks are keyed by numbers).</summary>
    public static long Key(string instanceId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("instance:" + instanceId)));

    private sealed class Held(IDisposable local, StepStore? store, WorkflowDbContext? db, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                var connection = db?.Database.GetDbConnection();
                if (connection is { State: ConnectionState.Open })
                {
                    try
                    {
                        await store!.In(db!).ExecuteAsync("SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", key));
                    }
                    catch (Exception) when (connection.State != ConnectionState.Open)
                    {
                        // The session is gone, and its locks with it.
                    }
                }
            }
            finally
            {
                local.Dispose();
            }
        }
    }
}
