using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>
/// A published flow cannot pin a core or fill the database: waits shorter than the minimum are refused at validation and
/// never fire sooner at run time; an instance past its journal or steps-per-minute quota stops with an incident. Liquid
/// past its bounds faults the activity that evaluated it.
/// </summary>
public sealed class InstanceQuotaTests : IAsyncLifetime
{
    private const int JournalQuota = 40;
    private const int StepQuota = 10;
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync(services => services.Configure<RuntimeOptions>(o =>
    {
        o.MaxJournalRecords = JournalQuota;
        o.MaxStepsPerMinute = StepQuota;
    }));

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private static WorkflowDefinitionModel Loop(string definitionId, string wait, string type = "Elsa.Delay", string input = "timeSpan") => new FlowBuilder(definitionId)
        .Add("start", "Elsa.Start")
        .WriteLine("tick", "tick")
        .Add("nap", type, n => n.SetInput(input, "TimeSpan", "Literal", wait))
        .Connect("start", "tick").Connect("tick", "nap").Connect("nap", "tick")
        .Build();

    [Theory]
    [InlineData("Elsa.Delay", "timeSpan", "TimeSpan", "00:00:00.001")]
    [InlineData("Elsa.Delay", "timeSpan", "TimeSpan", "00:00:00")]
    [InlineData("Elsa.Timer", "interval", "TimeSpan", "00:00:00.001")]
    public async Task Publish_WaitShorterThanTheMinimum_IsRefusedNamingTheActivity(string type, string input, string typeName, string wait)
    {
        var flow = new FlowBuilder("fast").Add("nap", type, n => n.SetInput(input, typeName, "Literal", wait)).Build();

        var refused = await Assert.ThrowsAsync<DefinitionValidationException>(() => _engine.PublishAsync(flow));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("IntervalTooShort", error.Code);
        Assert.Equal("nap", error.ActivityId);
        Assert.Contains("Runtime:MinimumTimerInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_CronFiringEverySecondUnderATwoSecondMinimum_IsRefused()
    {
        await using var strict = await EngineFixture.CreateAsync(services => services.Configure<RuntimeOptions>(o => o.MinimumTimerInterval = TimeSpan.FromSeconds(2)));
        var everySecond = new FlowBuilder("cron").Add("tick", "Elsa.Cron", n => n.SetInput("cronExpression", "String", "Literal", "* * * * * *")).Build();
        var everyMinute = new FlowBuilder("cron-ok").Add("tick", "Elsa.Cron", n => n.SetInput("cronExpression", "String", "Literal", "0 * * * *")).Build();

        var refused = await Assert.ThrowsAsync<DefinitionValidationException>(() => strict.PublishAsync(everySecond));
        await strict.PublishAsync(everyMinute);

        Assert.Equal("IntervalTooShort", Assert.Single(refused.Errors).Code);
    }

    [Fact]
    public async Task Timer_IntervalComputedAtRunTimeBelowTheMinimum_FiresNoSoonerThanTheMinimum()
    {
        await _engine.PublishAsync(new FlowBuilder("computed")
            .Add("start", "Elsa.Start")
            .Add("nap", "Elsa.Timer", n => n.SetInput("interval", "TimeSpan", "JavaScript", "return '00:00:00.001';"))
            .Connect("start", "nap")
            .Build());

        var started = await _engine.StartAsync("computed");

        Assert.Equal(_engine.Clock.GetUtcNow() + TimeSpan.FromSeconds(1), Assert.Single(started.Bookmarks).DueAt);
        Assert.Equal(0, await _engine.AdvanceAsync(TimeSpan.FromMilliseconds(999)));
        Assert.Equal(1, await _engine.AdvanceAsync(TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task TimerTrigger_PublishedBeforeTheMinimumWithOneMillisecond_StartsNoMoreThanOnceASecond()
    {
        await _engine.PublishAsync(new FlowBuilder("every")
            .Add("tick", "Elsa.Timer", n =>
            {
                n.SetInput("interval", "TimeSpan", "Literal", "00:00:01");
                n.CustomProperties = new System.Text.Json.Nodes.JsonObject { ["canStartWorkflow"] = true };
            })
            .Build());
        var factory = _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // As a definition published before the minimum existed stored it: a 1 ms schedule.
            await db.Triggers.Where(t => t.DefinitionId == "every")
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Payload, "{\"interval\":\"00:00:00.0010000\"}"));
        }

        var fired = 0;
        for (var i = 0; i < 300; i++)
            fired += await _engine.AdvanceAsync(TimeSpan.FromMilliseconds(10));

        // Three seconds of a 1 ms schedule, swept every 10 ms: three starts, not one per sweep.
        Assert.InRange(fired, 2, 3);
    }

    [Fact]
    public async Task DelayLoop_PastTheJournalQuota_FaultsWithAnIncident_AndTheJournalStaysBounded()
    {
        await using var slow = await EngineFixture.CreateAsync(services => services.Configure<RuntimeOptions>(o => o.MaxJournalRecords = JournalQuota));
        await slow.PublishAsync(Loop("loop", "00:00:01"));
        var started = await slow.StartAsync("loop");

        // Each tick of the loop journals two activities; the quota stops it well before 100 ticks.
        for (var i = 0; i < 100 && (await slow.Instances.GetAsync(started.InstanceId, default))!.Summary.Status != WorkflowStatus.Faulted; i++)
            await slow.AdvanceAsync(TimeSpan.FromSeconds(1));

        var instance = (await slow.Instances.GetAsync(started.InstanceId, default))!;
        Assert.Equal(WorkflowStatus.Faulted, instance.Summary.Status);
        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal("JournalQuotaExceeded", incident.Code);
        Assert.Contains("Runtime:MaxJournalRecords", incident.Message, StringComparison.Ordinal);
        Assert.InRange(await JournalRowsAsync(slow, started.InstanceId), JournalQuota, JournalQuota + 1);
        Assert.Equal(0, await slow.AdvanceAsync(TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task DelayLoop_MoreStepsWithinAMinuteThanTheQuota_FaultsWithAnIncident()
    {
        await _engine.PublishAsync(Loop("busy", "00:00:01"));
        var started = await _engine.StartAsync("busy");

        for (var i = 0; i < StepQuota; i++)
            await _engine.AdvanceAsync(TimeSpan.FromSeconds(1));

        var instance = (await _engine.Instances.GetAsync(started.InstanceId, default))!;
        Assert.Equal(WorkflowStatus.Faulted, instance.Summary.Status);
        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal("StepRateExceeded", incident.Code);
        Assert.Equal("tick", incident.ActivityId);
        Assert.Equal(StepQuota, (await _engine.LinesAsync(started.InstanceId)).Count);
    }

    [Fact]
    public async Task DelayLoop_WithinTheStepQuotaPerMinute_KeepsRunning()
    {
        await _engine.PublishAsync(Loop("calm", "00:00:10"));
        var started = await _engine.StartAsync("calm");

        // Six steps a minute, more than the quota in all, fewer than the journal quota's records.
        for (var i = 0; i < StepQuota + 5; i++)
            await _engine.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(WorkflowStatus.Suspended, (await _engine.Instances.GetAsync(started.InstanceId, default))!.Summary.Status);
    }

    [Fact]
    public async Task LiquidBomb_InAFlow_FaultsTheActivityWithAnIncidentNamingIt()
    {
        await _engine.PublishAsync(new FlowBuilder("bomb")
            .Add("start", "Elsa.Start")
            .WriteLine("boom", "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}", "Liquid")
            .Connect("start", "boom")
            .Build());

        var result = await _engine.StartAsync("bomb");

        Assert.Equal(WorkflowStatus.Faulted, result.Status);
        var incident = Assert.Single(result.Incidents);
        Assert.Equal("boom", incident.ActivityId);
        Assert.StartsWith("Input 'text' of activity 'boom': Liquid error: The maximum template output size", incident.Message, StringComparison.Ordinal);
    }

    private static async Task<int> JournalRowsAsync(EngineFixture engine, string instanceId)
    {
        await using var db = await engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.ActivityExecutions.CountAsync(r => r.InstanceId == instanceId);
    }
}
