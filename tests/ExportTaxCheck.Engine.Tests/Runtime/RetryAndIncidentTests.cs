using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExportTaxCheck.Engine.Tests.Runtime;

public class RetryAndIncidentTests : IAsyncLifetime
{
    private readonly FailureBudget _budget = new();
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync(services =>
    {
        services.AddSingleton(_budget);
        services.Replace(ServiceDescriptor.Singleton(_ => ActivityRegistry.FromAssemblies(typeof(Activity).Assembly, typeof(Flaky).Assembly)));
    });

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task FaultingActivity_RetriesWithExponentialBackoff_ThenSucceeds()
    {
        _budget.Remaining = 2;
        await _engine.PublishAsync(new FlowBuilder("flaky").Add("call", "Test.Flaky").Build());

        var started = await _engine.StartAsync("flaky");
        Assert.Equal(WorkflowStatus.Suspended, started.Status);
        Assert.Equal(_engine.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), started.Bookmarks.Single().DueAt);

        Assert.Equal(1, await _engine.AdvanceAsync(TimeSpan.FromMinutes(1)));
        var second = await _engine.Instances.GetAsync(started.InstanceId, default);
        Assert.Equal(WorkflowStatus.Suspended, second!.Summary.Status);
        Assert.Equal(_engine.Clock.GetUtcNow() + TimeSpan.FromMinutes(2), second.Bookmarks.Single().DueAt);

        Assert.Equal(0, await _engine.AdvanceAsync(TimeSpan.FromSeconds(119)));
        Assert.Equal(1, await _engine.AdvanceAsync(TimeSpan.FromSeconds(1)));

        var done = await _engine.Instances.GetAsync(started.InstanceId, default);
        Assert.Equal(WorkflowStatus.Finished, done!.Summary.Status);
        var attempts = await _engine.Instances.ActivityExecutionsAsync(started.InstanceId, "call", default);
        Assert.Equal(new[] { ActivityStatus.Faulted, ActivityStatus.Faulted, ActivityStatus.Completed }, attempts.Select(a => a.Status));
        Assert.Equal("succeeded on attempt 3", JsonNode.Parse(attempts[^1].Payload!)!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task FaultingActivity_RetryBudgetSpent_RaisesIncidentAndFaultsInstance()
    {
        _budget.Remaining = 10;
        await _engine.PublishAsync(new FlowBuilder("flaky2").Add("call", "Test.Flaky").Build());

        var started = await _engine.StartAsync("flaky2");
        await _engine.AdvanceAsync(TimeSpan.FromMinutes(1));
        await _engine.AdvanceAsync(TimeSpan.FromMinutes(2));

        var faulted = await _engine.Instances.GetAsync(started.InstanceId, default);
        Assert.Equal(WorkflowStatus.Faulted, faulted!.Summary.Status);
        var incident = Assert.Single(faulted.State.Incidents);
        Assert.Equal(3, incident.Attempts);
        Assert.Equal("customs gateway unreachable", incident.Message);
        Assert.Equal(1, faulted.Summary.IncidentCount);
    }

    [Fact]
    public async Task NodeRetryPolicy_OverridesActivityDefault()
    {
        _budget.Remaining = 1;
        await _engine.PublishAsync(new FlowBuilder("flaky3")
            .Add("call", "Test.Flaky", n => n.CustomProperties = new JsonObject
            {
                ["retryPolicy"] = new JsonObject { ["maxAttempts"] = 1 },
            }).Build());

        var result = await _engine.StartAsync("flaky3");

        Assert.Equal(WorkflowStatus.Faulted, result.Status);
    }

    [Fact]
    public async Task ContinueIncidentStrategy_FaultedBranchStops_OthersFinish()
    {
        _budget.Remaining = 10;
        await _engine.PublishAsync(new FlowBuilder("continue")
            .Options(new JsonObject { ["incidentStrategyType"] = "Elsa.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Core" })
            .Add("fork", "Elsa.FlowFork", n => n.SetInput("branches", "String", "Literal", "A,B"))
            .Add("call", "Test.Flaky", n => n.CustomProperties = new JsonObject { ["retryPolicy"] = new JsonObject { ["maxAttempts"] = 1 } })
            .WriteLine("other", "other branch")
            .Connect("fork", "call", "A").Connect("fork", "other", "B").Build());

        var result = await _engine.StartAsync("continue");

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(new[] { "other branch" }, result.Lines);
        Assert.Single(result.Incidents);
    }
}
