using ExportTaxCheck.Engine;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.Case;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>Used by <c>dotnet ef migrations add --context WorkflowDbContext</c> (SQLite) only.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = "Data Source=design-time.db" }, [typeof(CaseService).Assembly]);
        return new WorkflowDbContext(builder.Options);
    }
}
