using ExportTaxCheck.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Tests.Persistence;

public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-pragma-").FullName;

    [Fact]
    public async Task ManyLogicalOpens_OnePooledConnection_AreSetUpOnceAndKeepTheSettings()
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        var file = Path.Combine(_directory, "pool.db");
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = $"Data Source={file}" }, []);

        var timeouts = new List<long>();
        var tempStores = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            await using var db = new WorkflowDbContext(builder.Options);
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            timeouts.Add((long)(await command.ExecuteScalarAsync())!);
            command.CommandText = "PRAGMA temp_store;";
            tempStores.Add((long)(await command.ExecuteScalarAsync())!);
            await db.Database.CloseConnectionAsync();
        }

        Assert.Equal(1, SqliteConnectionSettings.Instance.AppliedTo(file));
        Assert.All(timeouts, t => Assert.Equal(30000, t));
        Assert.All(tempStores, t => Assert.Equal(2, t)); // 2 = MEMORY
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
