using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// One step of an instance at a time. In this process a keyed mutex orders the commands; on PostgreSQL a session
/// advisory lock on the instance id also keeps other nodes out while the step runs. The lock belongs to a database
/// session, so a node that dies (even by SIGKILL) loses its locks when PostgreSQL notices the closed connection, and
/// the other nodes go on. On SQLite the instance row's revision is what catches a second process.
/// </summary>
public sealed class InstanceLocks : IAsyncDisposable
{
    private readonly KeyedLock _local = new();
    private readonly NpgsqlDataSource? _dataSource;

    public InstanceLocks(DatabaseOptions database)
    {
        if (database.IsPostgreSql)
        {
            var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "exporttaxcheck-instance-locks" };
            _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        }
    }

    /// <summary>
    /// Takes the instance's lock. <paramref name="release"/> lets go of a pooled connection the caller holds, and runs before
    /// any wait that holding it could turn into a deadlock: before waiting for another step of the instance here, and on
    /// PostgreSQL always, since the lock's own connection comes from a pool of its own (a step holds its lock first, then
    /// its connection, never the other way round).
    /// </summary>
    public async Task<IAsyncDisposable> AcquireAsync(string instanceId, CancellationToken ct, Func<Task>? release = null)
    {
        if (_dataSource is not null && release is not null)
        {
            await release();
            release = null;
        }
        var local = await _local.AcquireAsync(instanceId, ct, release);
        if (_dataSource is null)
            return new Held(local, null, 0);

        var key = Key(instanceId);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(ct);
            return new Held(local, connection, key);
        }
        catch
        {
            if (connection is not null)
                await connection.DisposeAsync();
            local.Dispose();
            throw;
        }
    }

    /// <summary>A stable 64-bit key for the instance id (advisory locks are keyed by numbers).</summary>
    public static long Key(string instanceId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("instance:" + instanceId)));

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
    }

    private sealed class Held(IDisposable local, NpgsqlConnection? connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection is not null)
                {
                    try
                    {
                        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                        command.Parameters.AddWithValue("key", key);
                        await command.ExecuteNonQueryAsync();
                    }
                    finally
                    {
                        // Back in the pool, the session is reset (DISCARD ALL), which also drops a lock the unlock missed.
                        await connection.DisposeAsync();
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
