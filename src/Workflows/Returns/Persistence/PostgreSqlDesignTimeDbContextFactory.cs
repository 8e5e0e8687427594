using ExportTaxCheck.Engine;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.Case;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>Used by <c>dotnet ef migrations add --context PostgreSqlDbContext</c> only; it never connects.</summary>
public sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgreSqlDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=design-time" }, [typeof(CaseService).Assembly]);
        return new PostgreSqlDbContext(builder.Options);
    }
}
