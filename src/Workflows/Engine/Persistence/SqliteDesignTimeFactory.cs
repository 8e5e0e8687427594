using Microsoft.EntityFrameworkCore.Design;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>For <c>dotnet ef migrations add --project src/Workflows/Engine --context WorkflowDbContext</c> (the engine's SQLite stream); it never connects.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args) =>
        EngineMigrations.CreateContext(new DatabaseOptions { ConnectionString = "Data Source=design-time.db" });
}
