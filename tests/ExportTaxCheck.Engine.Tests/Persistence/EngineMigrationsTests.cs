using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Tests.Persistence;

public class EngineMigrationsTests
{
    public static TheoryData<string> Providers => new() { DatabaseOptions.Sqlite, DatabaseOptions.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public void EngineStream_HoldsEveryChangeOfTheEngineModel(string provider)
    {
        // Migrations are compared with the model without a connection: a change of an engine record without its
        // migration (dotnet ef migrations add, see EngineMigrations) fails here rather than at a Host's start.
        using var db = EngineMigrations.CreateContext(new DatabaseOptions { Provider = provider, ConnectionString = ConnectionString(provider) });

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public async Task Initialize_EngineWithoutModules_CreatesTheEngineTablesAndNothingElse()
    {
        await using var engine = await EngineFixture.CreateAsync();
        await using var db = EngineMigrations.CreateContext(new DatabaseOptions { ConnectionString = $"Data Source={engine.DatabasePath};Pooling=False" });
        var modelTables = db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Append(EngineMigrations.HistoryTable);

        var tables = await TablesAsync(engine.DatabasePath);

        // EF Core's migration lock (a table of its own on SQLite) is not a table of the model.
        Assert.Equal(modelTables.Order(StringComparer.Ordinal), tables.Where(t => t != "__EFMigrationsLock"));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private static async Task<List<string>> TablesAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables.Order(StringComparer.Ordinal).ToList();
    }

    private static string ConnectionString(string provider) =>
        provider == DatabaseOptions.PostgreSql ? "Host=127.0.0.1;Database=never-opened" : "Data Source=never-opened.db";
}
