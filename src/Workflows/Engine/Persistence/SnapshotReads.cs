using ExportTaxCheck.Engine.Telemetry;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Plain ADO.NET queries on a unit of work's connection, for reads made on every step, command answer and e-mail: on
/// SQLite with statements kept prepared (<see cref="SqliteStatements"/>), on PostgreSQL one command each (prepared
/// automatically by Npgsql), as with EF Core. Several queries can be read as one snapshot: on SQLite in one read
/// transaction, so they agree with each other, and the connection's page cache — which SQLite drops whenever another
/// connection has committed since this one last read — is filled once for all of them instead of once per query.
/// </summary>
public static class SnapshotReads
{
    public static async Task<T> ReadAsync<T>(WorkflowDbContext db, Func<IDbQueries, Task<T>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        // Outside a transaction, on the process's SQLite writer when there is one: its page cache is the one no other
        // connection's commit drops (see SqliteWriter).
        if (!db.InTransaction && db.Writer is { Available: true } writer)
            return await writer.RunAsync(w => ReadAsync(w, read, ct), ct);
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

    /// <summary>
    /// Plain queries on <paramref name="db"/>'s connection (opened if it is not; in its EF Core transaction if it has one),
    /// counted with EF Core's commands. The context must come from the engine's context factory.
    /// </summary>
    public static async Task<IDbQueries> OnAsync(WorkflowDbContext db, CancellationToken ct) => await OpenAsync(db, ct);

    /// <summary>Plain statements, reads and writes, on <paramref name="db"/>'s connection, as <see cref="OnAsync"/>.</summary>
    internal static Task<StepSql> SqlAsync(WorkflowDbContext db, CancellationToken ct) => OpenAsync(db, ct);

    private static Task<StepSql> OpenAsync(WorkflowDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counter = db.CommandCounter ??= db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<DbCommandCounter>().FirstOrDefault()
                                            ?? throw new InvalidOperationException("The context was not made by the engine's context factory (AddWorkflowEngine).");
        return StepStore.OpenAsync(db, counter.Telemetry, ct);
    }
}
