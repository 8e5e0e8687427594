using System.Data.Common;
using ExportTaxCheck.Engine;
using ExportTaxCheck.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ExportTaxCheck.Returns.Tests.Support;

/// <summary>
/// A throw-away database on either provider (a SQLite file, or a database on the tests' PostgreSQL), read and written
/// with plain SQL: the schemas under test are not always the model's.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string? _directory;

    private ScratchDatabase(TestDatabase provider, DatabaseOptions options, string? directory)
    {
        Provider = provider;
        Options = options;
        _directory = directory;
    }

    public TestDatabase Provider { get; }

    public DatabaseOptions Options { get; }

    public static async Task<ScratchDatabase> CreateAsync(TestDatabase provider)
    {
        if (provider == TestDatabase.PostgreSql)
        {
            var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
            return new ScratchDatabase(provider, new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = connectionString }, null);
        }
        var directory = Path.Combine(Path.GetTempPath(), "etc-returns-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        // No pooling: a pooled connection would keep the file open after the test.
        return new ScratchDatabase(provider, new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "case.db")};Pooling=False" }, directory);
    }

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Provider == TestDatabase.PostgreSql ? new NpgsqlConnection(Options.ConnectionString) : new SqliteConnection(Options.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> (one statement or many) with <c>@name</c> parameters.</summary>
    public async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The engine with the return cases on this database, not yet initialized.</summary>
    public ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflowEngine(Options, engine => engine.AddReturnCases());
        services.AddExportTaxCheckNotifications();
        return services.BuildServiceProvider();
    }

    /// <summary>The services of <see cref="Services"/> on a database whose schema is made (migrated).</summary>
    public async Task<ServiceProvider> ReadyServicesAsync()
    {
        var services = Services();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
        return services;
    }

    /// <summary>A time as the provider stores it: UTC ticks on SQLite, timestamptz on PostgreSQL.</summary>
    public object Time(DateTimeOffset at) => Provider == TestDatabase.PostgreSql ? at.ToUniversalTime() : at.UtcTicks;

    public async ValueTask DisposeAsync()
    {
        if (Provider == TestDatabase.PostgreSql)
        {
            await (await PostgresServer.SharedAsync()).DropDatabaseAsync(Options.ConnectionString);
            return;
        }
        try
        {
            Directory.Delete(_directory!, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on another thread; the temp folder is cleaned up by the OS.
        }
    }
}
