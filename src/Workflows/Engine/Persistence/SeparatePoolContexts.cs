using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Units of work for a party a step calls while it holds its own connection (the built-in ends of another system): on
/// PostgreSQL their connections come from a pool of their own, so a step waiting for that party never waits for a
/// connection other steps hold while they wait for it too (every pooled connection held, none ever given back). SQLite's
/// pool has no limit: there they share the engine's.
/// </summary>
public sealed class SeparatePoolContexts(IDbContextFactory<WorkflowDbContext> inner) : IDbContextFactory<WorkflowDbContext>
{
    /// <summary>What the pool's connections say they are (PostgreSQL's application_name), and what keys their pool.</summary>
    public const string ApplicationNameSuffix = " (built-in ends)";

    public WorkflowDbContext CreateDbContext() => inner.CreateDbContext();

    public Task<WorkflowDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => inner.CreateDbContextAsync(cancellationToken);

    /// <summary>
    /// <paramref name="connectionString"/> naming a pool of its own: the same server and settings, another application
    /// name, and a quarter of the engine's pool size (at least 2). The server's connection slots are shared by both pools;
    /// a call that finds this smaller pool busy waits for a connection only such calls hold, and they hold none of the
    /// engine's while they wait.
    /// </summary>
    internal static string OwnPool(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName = (builder.ApplicationName ?? "ExportTaxCheck") + ApplicationNameSuffix;
        builder.MaxPoolSize = Math.Max(2, builder.MaxPoolSize / 4);
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        return builder.ConnectionString;
    }
}
