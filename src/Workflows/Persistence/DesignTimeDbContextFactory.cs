using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ExportTaxCheck.Workflows.Persistence;

/// <summary>Used by <c>dotnet ef migrations add</c> only.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ExportTaxCheckDbContext>
{
    public ExportTaxCheckDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ExportTaxCheckDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = "Data Source=design-time.db" });
        return new ExportTaxCheckDbContext(builder.Options);
    }
}
