using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>Hands out the provider's context where the engine asks for the common one.</summary>
internal sealed class PostgreSqlContextFactory(IDbContextFactory<PostgreSqlDbContext> inner) : IDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<WorkflowDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
