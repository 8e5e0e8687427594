using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>
/// A held instance takes no resume, its timers do not fire, its tasks are neither completed nor overdue nor reminded; at
/// release the timers and task deadlines move on by the held span, so the instance goes on where it was.
/// </summary>
public class InstanceHoldsTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = await EngineFixture.CreateAsync();
        await _engine.PublishAsync(new FlowBuilder("held")
            .Add("start", "Elsa.Start")
            .Add("review", "ExportTaxCheck.HumanTask", n =>
            {
                n.SetInput("title", "String", "Literal", "Review");
                n.SetInput("candidateRole", "String", "Literal", "CustomsOfficer");
                n.SetInput("dueIn", "TimeSpan", "Literal", "2.00:00:00");
                n.SetInput("remindBefore", "TimeSpan", "Literal", "1.00:00:00");
                n.SetInput("escalateAfter", "TimeSpan", "Literal", "00:00:00");
                n.SetInput("outcomes", "String[]", "Object", "[\"Accept\"]");
            })
            .Add("timer", "Elsa.Delay", n => n.SetInput("timeSpan", "TimeSpan", "Literal", "3.00:00:00"))
            .WriteLine("accepted", "accepted").WriteLine("late", "late")
            .Connect("start", "review").Connect("start", "timer")
            .Connect("review", "accepted", "Accept")
            .Connect("timer", "late")
            .Build());
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private async Task<T> InDbAsync<T>(Func<WorkflowDbContext, Task<T>> act)
    {
        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var result = await act(db);
        await db.SaveChangesAsync();
        return result;
    }

    private Task<HumanTaskRecord> TaskAsync(string instanceId) =>
        InDbAsync(db => db.HumanTasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId));

    [Fact]
    public async Task HeldInstance_TakesNoResume_ItsTimerWaits_AndItsTaskIsNotOverdueNorReminded()
    {
        var started = await _engine.StartAsync("held");
        var taskId = (await TaskAsync(started.InstanceId)).Id;
        Assert.True(await InDbAsync(db => InstanceHolds.HoldAsync(db, started.InstanceId, _engine.Clock.GetUtcNow(), default)));

        _engine.Clock.Advance(TimeSpan.FromDays(5));
        var fired = await _engine.Sweeps.FireDueTimersAsync(default);
        var reminded = await _engine.Services.GetRequiredService<TaskTimers>().FireDueAsync(default);
        var refused = await Assert.ThrowsAsync<ConflictException>(() => _engine.Runtime.CompleteTaskAsync(taskId, new JsonObject { ["outcome"] = "Accept" }, null, default));
        var task = await TaskAsync(started.InstanceId);

        Assert.Equal(0, fired);
        Assert.Equal(0, reminded);
        Assert.Equal(InstanceHolds.HeldCode, refused.Code);
        Assert.NotNull(task.HeldAt);
        Assert.False(TaskService.Item(task, _engine.Clock.GetUtcNow()).Overdue);
        Assert.True(TaskService.Item(task, _engine.Clock.GetUtcNow()).Held);
        Assert.Null(await _engine.Sweeps.NextDueAsync(default));
    }

    [Fact]
    public async Task Release_MovesTimersAndTaskDeadlinesOnByTheHeldSpan_AndTheInstanceGoesOn()
    {
        var start = _engine.Clock.GetUtcNow();
        var started = await _engine.StartAsync("held");
        var before = await TaskAsync(started.InstanceId);
        await InDbAsync(db => InstanceHolds.HoldAsync(db, started.InstanceId, _engine.Clock.GetUtcNow(), default));
        _engine.Clock.Advance(TimeSpan.FromDays(10));

        var held = await InDbAsync(db => InstanceHolds.ReleaseAsync(db, started.InstanceId, _engine.Clock.GetUtcNow(), default));
        var after = await TaskAsync(started.InstanceId);

        Assert.Equal(TimeSpan.FromDays(10), held);
        Assert.Null(after.HeldAt);
        Assert.Equal(before.DueAt + TimeSpan.FromDays(10), after.DueAt);
        Assert.Equal(before.RemindAt + TimeSpan.FromDays(10), after.RemindAt);
        Assert.Equal(start + TimeSpan.FromDays(13), await _engine.Sweeps.NextDueAsync(default));
        Assert.Equal(0, await _engine.Sweeps.FireDueTimersAsync(default));
        _engine.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await _engine.Sweeps.FireDueTimersAsync(default));
        var done = await _engine.Runtime.CompleteTaskAsync(after.Id, new JsonObject { ["outcome"] = "Accept" }, null, default);
        Assert.Equal(["accepted"], done.Lines);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
    }

    [Fact]
    public async Task Hold_OfAnEndedOrHeldInstance_DoesNothing_AndReleaseOfAnUnheldOneToo()
    {
        var started = await _engine.StartAsync("held");
        await InDbAsync(db => InstanceHolds.HoldAsync(db, started.InstanceId, _engine.Clock.GetUtcNow(), default));

        var again = await InDbAsync(db => InstanceHolds.HoldAsync(db, started.InstanceId, _engine.Clock.GetUtcNow(), default));
        var unknown = await InDbAsync(db => InstanceHolds.HoldAsync(db, "no-such-instance", _engine.Clock.GetUtcNow(), default));
        await InDbAsync(db => InstanceHolds.ReleaseAsync(db, started.InstanceId, _engine.Clock.GetUtcNow(), default));
        var notHeld = await InDbAsync(db => InstanceHolds.ReleaseAsync(db, started.InstanceId, _engine.Clock.GetUtcNow(), default));

        Assert.False(again);
        Assert.False(unknown);
        Assert.Null(notHeld);
    }
}
