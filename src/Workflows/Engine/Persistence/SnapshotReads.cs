using System.Data;
using ExportTaxCheck.Engine.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Several queries read as one, without EF Core: for views built on every command answer and every e-mail. On SQLite
/// they run in one read transaction, with statements kept prepared (<see cref="SqliteStatements"/>): the queries see one
/// snapshot, so they agree with each other, and the connection's page cache — which SQLite drops whenever another
/// connection has committed since this one last read — is filled once for all of them instead of once per query. On
/// PostgreSQL each query is one command (prepared automatically by Npgsql), as with EF Core.
/// </summary>
public sealed class SnapshotReads(EngineTelemetry telemetry)
{
    public async Task<T> ReadAsync<T>(WorkflowDbContext db, Func<IDbQueries, Task<T>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        var sql = await OpenAsync(db, ct);
        // Inside a transaction the reads are one snapshot already.
        if (!sql.IsSqlite || !sql.Autocommit)
            return await read(sql);
        await sql.ExecuteAsync("BEGIN", ct);
        try
        {
            return await read(sql);
        }
        finally
        {
            // A read transaction: its end only lets go of the snapshot.
            await sql.ExecuteAsync("COMMIT", CancellationToken.None);
        }
    }

    /// <summary>One query alone (a snapshot of its own), with the statement kept prepared on SQLite.</summary>
    public async Task<List<T>> QueryAsync<T>(WorkflowDbContext db, string query, Func<IDbRow, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        await (await OpenAsync(db, ct)).QueryAsync(query, read, ct, parameters);

    /// <summary>
    /// Plain queries on <paramref name="db"/>'s connection (opened if it is not; in its EF Core transaction if it has one),
    /// counted with EF Core's commands. The context must come from the engine's context factory.
    /// </summary>
    public static async Task<IDbQueries> OnAsync(WorkflowDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counter = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<DbCommandCounter>().FirstOrDefault()
                      ?? throw new InvalidOperationException("The context was not made by the engine's context factory (AddWorkflowEngine).");
        if (db.Database.GetDbConnection().State != ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);
        return new StepSql(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), counter.Telemetry);
    }

    private async Task<StepSql> OpenAsync(WorkflowDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Opened through EF Core so its connection interceptors (SQLite's settings) see the connection.
        if (db.Database.GetDbConnection().State != ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);
        return new StepSql(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), telemetry);
    }
}
