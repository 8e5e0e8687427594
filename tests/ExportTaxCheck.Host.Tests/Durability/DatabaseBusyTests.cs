using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Host.Infrastructure;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ExportTaxCheck.Host.Tests.Durability;

/// <summary>A request the database has no room for is answered 503 with Retry-After, and the same request goes through once there is.</summary>
public sealed class DatabaseBusyTests : IAsyncLifetime
{
    private readonly HostFixture _host = new(database: TestDatabase.PostgreSql, poolSize: 1, poolWaitSeconds: 2);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EveryConnectionHeld_RequestGets503WithRetryAfter_AndSucceedsOnceOneIsFree()
    {
        var client = _host.Analyst();
        await client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("busy"), ["publish"] = true });

        var db = await _host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        HttpResponseMessage refused;
        await using (db)
        {
            await db.Database.OpenConnectionAsync();
            refused = await client.PostAsync("/elsa/api/workflow-definitions/busy/execute", HttpJson.Json("{}"));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("DATABASE_BUSY", problem["code"]!.GetValue<string>());

        var started = await client.PostJsonAsync("/elsa/api/workflow-definitions/busy/execute", new JsonObject());
        Assert.Equal("Suspended", started["workflowState"]!["subStatus"]!.GetValue<string>());
        var listed = await client.PostJsonAsync("/elsa/api/workflow-instances", new JsonObject { ["definitionId"] = "busy", ["pageSize"] = 10 });
        Assert.Equal(1, listed["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public void Busy_IsAnExhaustedPoolOrALockedSqliteFile_WhereverWrapped_AndNothingElse()
    {
        var exhausted = new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 1) or 'Timeout' (currently 2 seconds) in your connection string.", new TimeoutException());
        Assert.True(DatabaseBusy.Is(exhausted));
        Assert.True(DatabaseBusy.Is(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", exhausted)));
        Assert.True(DatabaseBusy.Is(new DbUpdateException("save", new SqliteException("SQLite Error 5: 'database is locked'.", 5))));
        Assert.True(DatabaseBusy.Is(new SqliteException("SQLite Error 6: 'database table is locked'.", 6)));

        Assert.False(DatabaseBusy.Is(new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19)));
        Assert.False(DatabaseBusy.Is(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.False(DatabaseBusy.Is(new InvalidOperationException("a bug")));
    }
}
