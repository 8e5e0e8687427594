using Microsoft.EntityFrameworkCore.Design;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>For <c>dotnet ef migrations add --project src/Workflows/Returns --context ReturnsSqliteMigrationsContext</c>; it never connects.</summary>
public sealed class ReturnsSqliteDesignTimeFactory : IDesignTimeDbContextFactory<ReturnsSqliteMigrationsContext>
{
    public ReturnsSqliteMigrationsContext CreateDbContext(string[] args) =>
        ModuleMigrations.CreateContext<ReturnsSqliteMigrationsContext>(new DatabaseOptions { ConnectionString = "Data Source=design-time.db" }, ReturnsMigrations.HistoryTable);
}
