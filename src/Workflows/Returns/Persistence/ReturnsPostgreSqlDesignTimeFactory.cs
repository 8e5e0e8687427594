using Microsoft.EntityFrameworkCore.Design;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>For <c>dotnet ef migrations add --project src/Workflows/Returns --context ReturnsPostgreSqlMigrationsContext</c>; it never connects.</summary>
public sealed class ReturnsPostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<ReturnsPostgreSqlMigrationsContext>
{
    public ReturnsPostgreSqlMigrationsContext CreateDbContext(string[] args) =>
        ModuleMigrations.CreateContext<ReturnsPostgreSqlMigrationsContext>(
            new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=design-time" }, ReturnsMigrations.HistoryTable);
}
