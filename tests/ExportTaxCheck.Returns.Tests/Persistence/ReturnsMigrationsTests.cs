using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Tests.Persistence;

public class ReturnsMigrationsTests
{
    [Fact]
    public void SqliteStream_HoldsEveryChangeOfTheCaseTablesAndOnlyThem() =>
        AssertStream(ModuleMigrations.CreateContext<ReturnsSqliteMigrationsContext>(
            new DatabaseOptions { ConnectionString = "Data Source=never-opened.db" }, ReturnsMigrations.HistoryTable));

    [Fact]
    public void PostgreSqlStream_HoldsEveryChangeOfTheCaseTablesAndOnlyThem() =>
        AssertStream(ModuleMigrations.CreateContext<ReturnsPostgreSqlMigrationsContext>(
            new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=never-opened" }, ReturnsMigrations.HistoryTable));

    private static void AssertStream(WorkflowDbContext db)
    {
        using (db)
        {
            // A change of a case record without its migration (dotnet ef migrations add, see ReturnsMigrations) fails
            // here rather than at a Host's start; the engine's tables are another stream's.
            Assert.False(db.Database.HasPendingModelChanges());
            Assert.All(db.Model.GetEntityTypes(), e => Assert.Equal(typeof(ReturnCaseRecord).Assembly, e.ClrType.Assembly));
            Assert.Contains(db.Model.GetEntityTypes(), e => e.ClrType == typeof(ReturnCaseRecord));
            Assert.NotEmpty(db.Database.GetMigrations());
        }
    }
}
