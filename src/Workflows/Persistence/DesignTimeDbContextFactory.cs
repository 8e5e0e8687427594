using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ExportTaxCheck.Workflows.Persistence;

/// <summary>Used by <c>dotnet ef migrations add --context ExportTaxCheckDbContext</c> (SQLite) only.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ExportTaxCheckDbContext>
{
    public ExportTaxCheckDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ExportTaxCheckDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = "Data Source=design-time.db" });
        return new ExportTaxCheckDbContext(builder.Options);
    }
}

/// <summary>Used by <c>dotnet ef migrations add --context PostgreSqlDbContext</c> only; it never connects.</summary>
public sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgreSqlDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=design-time" });
        return new PostgreSqlDbContext(builder.Options);
    }
}
