using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Workflows.Persistence;

/// <summary>
/// The same model on PostgreSQL. A subclass only so that its migrations (Migrations/PostgreSql) are told apart from
/// SQLite's: EF Core picks migrations by the context type they were made for.
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : ExportTaxCheckDbContext(options);

/// <summary>Hands out the provider's context where the engine asks for the common one.</summary>
internal sealed class PostgreSqlContextFactory(IDbContextFactory<PostgreSqlDbContext> inner) : IDbContextFactory<ExportTaxCheckDbContext>
{
    public ExportTaxCheckDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<ExportTaxCheckDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
