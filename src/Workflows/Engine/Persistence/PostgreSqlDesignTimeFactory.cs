using Microsoft.EntityFrameworkCore.Design;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>For <c>dotnet ef migrations add --project src/Workflows/Engine --context PostgreSqlDbContext</c> (the engine's PostgreSQL stream); it never connects.</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args) =>
        (PostgreSqlDbContext)EngineMigrations.CreateContext(new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=design-time" });
}
