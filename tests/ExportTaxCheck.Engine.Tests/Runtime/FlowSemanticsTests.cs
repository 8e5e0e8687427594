using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Runtime;

public class FlowSemanticsTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task WaitAnyJoin_EventBeforeTimer_CancelsTimerBranchAndClosesItsBookmark()
    {
        var flow = new FlowBuilder("race")
            .Add("start", "Elsa.Start")
            .Add("fork", "Elsa.FlowFork", n => n.SetInput("branches", "String", "Literal", "A,B"))
            .Add("wait", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "documents-uploaded"))
            .Add("timer", "Elsa.Delay", n => n.SetInput("timeSpan", "TimeSpan", "Literal", "15.00:00:00"))
            .Add("join", "Elsa.FlowJoin", n => n.SetInput("mode", "FlowJoinMode", "Literal", "WaitAny"))
            .WriteLine("after", "continued")
            .Connect("start", "fork").Connect("fork", "wait", "A").Connect("fork", "timer", "B")
            .Connect("wait", "join").Connect("timer", "join").Connect("join", "after")
            .Build();
        await _engine.PublishAsync(flow);

        var started = await _engine.StartAsync("race", correlationId: "case-1");
        Assert.Equal(WorkflowStatus.Suspended, started.Status);
        Assert.Equal(2, started.Bookmarks.Count);

        var triggered = await _engine.Runtime.TriggerEventAsync("documents-uploaded", "case-1", null, null, null, default);

        var resumed = Assert.Single(triggered.Resumed);
        Assert.Equal(WorkflowStatus.Finished, resumed.Status);
        Assert.Equal(new[] { "continued" }, resumed.Lines);
        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Bookmarks.CountAsync(b => b.InstanceId == started.InstanceId && b.Status == BookmarkStatus.Active));
        Assert.Equal(0, await _engine.AdvanceAsync(TimeSpan.FromDays(16)));
    }

    [Fact]
    public async Task WaitAnyJoin_TimerFirst_CancelsEventBranch()
    {
        var flow = new FlowBuilder("race2")
            .Add("fork", "Elsa.FlowFork", n => n.SetInput("branches", "String", "Literal", "A,B"))
            .Add("wait", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "documents-uploaded"))
            .Add("timer", "Elsa.Delay", n => n.SetInput("timeSpan", "TimeSpan", "Literal", "1.00:00:00"))
            .Add("join", "Elsa.FlowJoin", n => n.SetInput("mode", "FlowJoinMode", "Literal", "WaitAny"))
            .WriteLine("late", "deadline passed")
            .Connect("fork", "wait", "A").Connect("fork", "timer", "B")
            .Connect("wait", "join").Connect("timer", "join").Connect("join", "late")
            .Build();
        await _engine.PublishAsync(flow);
        var started = await _engine.StartAsync("race2", correlationId: "case-2");

        Assert.Equal(1, await _engine.AdvanceAsync(TimeSpan.FromDays(1)));

        var instance = await _engine.Instances.GetAsync(started.InstanceId, default);
        Assert.Equal(WorkflowStatus.Finished, instance!.Summary.Status);
        Assert.Equal(new[] { "deadline passed" }, await _engine.LinesAsync(started.InstanceId));
        var late = await _engine.Runtime.TriggerEventAsync("documents-uploaded", "case-2", null, null, null, default);
        Assert.Empty(late.Resumed);
    }

    [Fact]
    public async Task FlowSwitch_MatchFirst_TakesFirstMatchingCase()
    {
        var flow = new FlowBuilder("switch")
            .Variable("Amount", "Decimal", 250)
            .Add("switch", "Elsa.FlowSwitch", n =>
            {
                n.SetProperty("cases", new JsonArray(
                    new JsonObject { ["label"] = "Small", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getAmount() < 100" } },
                    new JsonObject { ["label"] = "Medium", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getAmount() < 1000" } },
                    new JsonObject { ["label"] = "Any", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "true" } }));
            })
            .WriteLine("small", "small").WriteLine("medium", "medium").WriteLine("any", "any").WriteLine("default", "default")
            .Connect("switch", "small", "Small").Connect("switch", "medium", "Medium").Connect("switch", "any", "Any").Connect("switch", "default", "Default")
            .Build();
        await _engine.PublishAsync(flow);

        var result = await _engine.StartAsync("switch");

        Assert.Equal(new[] { "medium" }, result.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    [Fact]
    public async Task End_InFlowchart_CancelsOtherWaitingBranches()
    {
        var flow = new FlowBuilder("end")
            .Add("fork", "Elsa.FlowFork", n => n.SetInput("branches", "String", "Literal", "A,B"))
            .Add("wait", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "never"))
            .Add("end", "Elsa.End")
            .Connect("fork", "wait", "A").Connect("fork", "end", "B")
            .Build();
        await _engine.PublishAsync(flow);

        var result = await _engine.StartAsync("end");

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Empty(result.Bookmarks);
    }

    [Fact]
    public async Task RunTask_CompletedByTaskId_SetsResultVariableAndContinues()
    {
        var flow = new FlowBuilder("task")
            .Variable("Answer", "Object")
            .Add("task", "Elsa.RunTask", n =>
            {
                n.SetInput("taskName", "String", "Literal", "Approve");
                n.SetProperty("result", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "var-Answer" } });
            })
            .WriteLine("after", "{{ Variables.Answer.decision }}", "Liquid")
            .Connect("task", "after")
            .Build();
        await _engine.PublishAsync(flow);
        var started = await _engine.StartAsync("task");
        var taskId = started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();

        var done = await _engine.Runtime.CompleteTaskAsync(taskId, new JsonObject { ["decision"] = "approved" }, "complete-1", default);

        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal(new[] { "approved" }, done.Lines);
    }

    [Fact]
    public async Task CompleteTask_SameIdempotencyKeyTwice_ReturnsFirstAnswerWithoutRunningAgain()
    {
        await _engine.PublishAsync(new FlowBuilder("task2")
            .Add("task", "Elsa.RunTask", n => n.SetInput("taskName", "String", "Literal", "Approve"))
            .WriteLine("after", "ran").Connect("task", "after").Build());
        var started = await _engine.StartAsync("task2");
        var taskId = started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();

        var first = await _engine.Runtime.CompleteTaskAsync(taskId, JsonValue.Create("ok"), "key-1", default);
        var second = await _engine.Runtime.CompleteTaskAsync(taskId, JsonValue.Create("ok"), "key-1", default);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(new[] { "ran" }, await _engine.LinesAsync(started.InstanceId));
    }

    [Fact]
    public async Task CompleteTask_SecondCompletionWithNewKey_IsConflict()
    {
        await _engine.PublishAsync(new FlowBuilder("task3")
            .Add("task", "Elsa.RunTask", n => n.SetInput("taskName", "String", "Literal", "Approve")).Build());
        var started = await _engine.StartAsync("task3");
        var taskId = started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();
        await _engine.Runtime.CompleteTaskAsync(taskId, null, "a", default);

        var ex = await Assert.ThrowsAsync<ConflictException>(() => _engine.Runtime.CompleteTaskAsync(taskId, null, "b", default));

        Assert.Equal("BOOKMARK_SPENT", ex.Code);
    }

    [Fact]
    public async Task IdempotencyKey_ReusedForDifferentRequest_IsRefused()
    {
        await _engine.PublishAsync(new FlowBuilder("task4")
            .Add("task", "Elsa.RunTask", n => n.SetInput("taskName", "String", "Literal", "Approve")).Build());
        var started = await _engine.StartAsync("task4");
        var taskId = started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();
        await _engine.Runtime.CompleteTaskAsync(taskId, JsonValue.Create("yes"), "k", default);

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _engine.Runtime.CompleteTaskAsync(taskId, JsonValue.Create("no"), "k", default));
    }

    [Fact]
    public async Task Event_WithCorrelation_ResumesOnlyTheMatchingInstance()
    {
        await _engine.PublishAsync(new FlowBuilder("evt")
            .Add("wait", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "paid"))
            .WriteLine("after", "paid").Connect("wait", "after").Build());
        var a = await _engine.StartAsync("evt", correlationId: "A");
        var b = await _engine.StartAsync("evt", correlationId: "B");

        var result = await _engine.Runtime.TriggerEventAsync("paid", "B", null, null, null, default);

        Assert.Equal(b.InstanceId, Assert.Single(result.Resumed).InstanceId);
        Assert.Equal(WorkflowStatus.Suspended, (await _engine.Instances.GetAsync(a.InstanceId, default))!.Summary.Status);
    }

    [Fact]
    public async Task EventTrigger_PublishedDefinition_StartsNewInstanceWithPayload()
    {
        var flow = new FlowBuilder("evt-start")
            .Variable("Order", "Object")
            .Add("trigger", "Elsa.Event", n =>
            {
                n.SetInput("eventName", "String", "Literal", "order-placed");
                n.CustomProperties = new JsonObject { ["canStartWorkflow"] = true };
                n.SetProperty("result", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "var-Order" } });
            })
            .WriteLine("after", "order {{ Variables.Order.no }}", "Liquid")
            .Connect("trigger", "after").Build();
        await _engine.PublishAsync(flow);

        var result = await _engine.Runtime.TriggerEventAsync("order-placed", "corr-9", null, new JsonObject { ["no"] = "A-17" }, "evt-key", default);
        var again = await _engine.Runtime.TriggerEventAsync("order-placed", "corr-9", null, new JsonObject { ["no"] = "A-17" }, "evt-key", default);

        var started = Assert.Single(result.Started);
        Assert.Equal(new[] { "order A-17" }, started.Lines);
        Assert.Equal("corr-9", started.CorrelationId);
        Assert.True(again.Replayed);
        Assert.Equal(1, (await _engine.Instances.ListAsync(new InstanceQuery(DefinitionIds: ["evt-start"]), default)).TotalCount);
    }

    [Fact]
    public async Task JavaScript_SetVariableThroughVariablesObject_PersistsAcrossSteps()
    {
        await _engine.PublishAsync(new FlowBuilder("js")
            .Variable("Count", "Int32", 1)
            .Add("set", "Elsa.SetVariable", n =>
            {
                n.SetProperty("variable", new JsonObject { ["id"] = "var-Count", ["name"] = "Count" });
                n.SetInput("value", "Object", "JavaScript", "variables.Count + 41");
            })
            .Add("wait", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "go"))
            .WriteLine("show", "return 'count=' + getCount();", "JavaScript")
            .Connect("set", "wait").Connect("wait", "show").Build());
        var started = await _engine.StartAsync("js", correlationId: "js-1");

        var resumed = await _engine.Runtime.TriggerEventAsync("go", "js-1", null, null, null, default);

        Assert.Equal(new[] { "count=42" }, Assert.Single(resumed.Resumed).Lines);
        Assert.Equal(WorkflowStatus.Suspended, started.Status);
    }

    [Fact]
    public async Task JavaScript_EndlessLoop_FaultsWithTimeoutIncident()
    {
        await _engine.PublishAsync(new FlowBuilder("js-loop")
            .WriteLine("spin", "while (true) {}", "JavaScript").Build());

        var result = await _engine.StartAsync("js-loop");

        Assert.Equal(WorkflowStatus.Faulted, result.Status);
        Assert.Matches("JavaScript expression (ran longer than|exceeded)", Assert.Single(result.Incidents).Message);
    }

    [Fact]
    public async Task Finish_CancelsEverythingAndFinishes()
    {
        await _engine.PublishAsync(new FlowBuilder("finish")
            .Add("fork", "Elsa.FlowFork", n => n.SetInput("branches", "String", "Literal", "A,B"))
            .Add("wait", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "never"))
            .Add("finish", "Elsa.Finish")
            .WriteLine("unreached", "no")
            .Connect("fork", "wait", "A").Connect("fork", "finish", "B").Connect("wait", "unreached").Build());

        var result = await _engine.StartAsync("finish");

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Empty(result.Bookmarks);
        Assert.Empty(result.Lines);
    }

    [Fact]
    public async Task Cancel_SuspendedInstance_ClosesBookmarks_AndSecondCancelConflicts()
    {
        await _engine.PublishAsync(new FlowBuilder("cancel")
            .Add("wait", "Elsa.Event", n => n.SetInput("eventName", "String", "Literal", "never")).Build());
        var started = await _engine.StartAsync("cancel");

        var cancelled = await _engine.Runtime.CancelAsync(started.InstanceId, null, default);

        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        Assert.Empty(cancelled.Bookmarks);
        var ex = await Assert.ThrowsAsync<ConflictException>(() => _engine.Runtime.CancelAsync(started.InstanceId, null, default));
        Assert.Equal("INSTANCE_ENDED", ex.Code);
    }

    [Fact]
    public async Task Dispatch_LeavesInstanceRunning_UntilContinued()
    {
        await _engine.PublishAsync(new FlowBuilder("dispatch").WriteLine("a", "ran").Build());

        var dispatched = await _engine.Runtime.DispatchAsync(new StartWorkflowRequest("dispatch"), default);
        Assert.Equal(WorkflowStatus.Running, dispatched.Status);
        Assert.Contains(dispatched.InstanceId, await _engine.Sweeps.ClaimRunnableAsync(10, default));

        var continued = await _engine.Sweeps.ContinueAsync(dispatched.InstanceId, default);

        Assert.Equal(WorkflowStatus.Finished, continued!.Status);
        Assert.Equal(new[] { "ran" }, continued.Lines);
        _engine.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(await _engine.Sweeps.ClaimRunnableAsync(10, default));
    }

    [Fact]
    public async Task ClaimRunnable_IsLeased_SoASecondSweepSkipsIt_UntilTheLeaseLapses()
    {
        await _engine.PublishAsync(new FlowBuilder("leased").WriteLine("a", "ran").Build());
        var dispatched = await _engine.Runtime.DispatchAsync(new StartWorkflowRequest("leased"), default);

        var first = await _engine.Sweeps.ClaimRunnableAsync(10, default);
        var second = await _engine.Sweeps.ClaimRunnableAsync(10, default);
        _engine.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var afterLapse = await _engine.Sweeps.ClaimRunnableAsync(10, default);

        Assert.Equal([dispatched.InstanceId], first);
        Assert.Empty(second);
        Assert.Equal([dispatched.InstanceId], afterLapse);
    }

    [Fact]
    public async Task DueTimer_ClaimedByANodeThatDied_FiresOnceAfterItsLeaseLapses()
    {
        await _engine.PublishNapAsync("nap", "00:05:00");
        var started = await _engine.StartAsync("nap");
        _engine.Clock.Advance(TimeSpan.FromMinutes(5));
        var factory = _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // Another node claimed the timer and died before it fired.
            var lease = _engine.Clock.GetUtcNow() + TimeSpan.FromMinutes(1);
            await db.Bookmarks.Where(b => b.InstanceId == started.InstanceId).ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseUntil, lease));
        }

        var whileLeased = await _engine.Sweeps.FireDueTimersAsync(default);
        _engine.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var afterLapse = await _engine.Sweeps.FireDueTimersAsync(default);
        var again = await _engine.Sweeps.FireDueTimersAsync(default);

        Assert.Equal(0, whileLeased);
        Assert.Equal(1, afterLapse);
        Assert.Equal(0, again);
        Assert.Equal(["woke"], await _engine.LinesAsync(started.InstanceId));
    }

    [Fact]
    public async Task Step_EndlessLoopWithoutWait_FaultsAtStepBudget()
    {
        var flow = new FlowBuilder("loop")
            .Add("start", "Elsa.Start")
            .WriteLine("a", "tick")
            .Add("decide", "Elsa.FlowDecision", n => n.SetInput("condition", "Boolean", "Literal", "false"))
            .Connect("start", "a").Connect("a", "decide").Connect("decide", "a", "False")
            .Build();
        await _engine.PublishAsync(flow);

        var result = await _engine.StartAsync("loop");

        Assert.Equal(WorkflowStatus.Faulted, result.Status);
        Assert.Equal("StepBudgetExceeded", Assert.Single(result.Incidents).Code);
    }
}
