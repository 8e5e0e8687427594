using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>A step runs on the instance as this process's last step left it only while nobody else has stepped it since.</summary>
public sealed class InstanceSnapshotsTests
{
    private static readonly ExportTaxCheck.Engine.Definitions.WorkflowDefinitionModel TwoTasks = new FlowBuilder("two-tasks")
        .Add("first", "Elsa.RunTask", n => n.SetInput("taskName", "String", "Literal", "First"))
        .Add("second", "Elsa.RunTask", n => n.SetInput("taskName", "String", "Literal", "Second"))
        .WriteLine("done", "both done")
        .Connect("first", "second")
        .Connect("second", "done")
        .Build();

    private static string TaskId(WorkflowRunResult result) => result.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();

    private static long Used(EngineFixture engine) => engine.Services.GetRequiredService<InstanceSnapshots>().Used;

    [Fact]
    public async Task StepsOfOneInstanceInOneProcess_RunOnItsSnapshot_WithTheSameResult()
    {
        await using var engine = await EngineFixture.CreateAsync();
        await engine.PublishAsync(TwoTasks);
        var started = await engine.StartAsync("two-tasks");

        var second = await engine.Runtime.CompleteTaskAsync(TaskId(started), "ok", "first", default);
        var done = await engine.Runtime.CompleteTaskAsync(TaskId(second), "ok", "second", default);

        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal(["both done"], engine.Written);
        Assert.Equal(2, Used(engine));
    }

    [Fact]
    public async Task AStepCommittedByAnotherNode_MakesTheSnapshotStale_AndTheNextStepReadsTheInstance()
    {
        await using var engine = await EngineFixture.CreateAsync();
        await engine.PublishAsync(TwoTasks);
        var started = await engine.StartAsync("two-tasks");
        await using var other = await engine.OtherNodeAsync();

        // The other node completes the first task: this node's snapshot still waits on it.
        var second = await other.Runtime.CompleteTaskAsync(TaskId(started), "ok", "first", default);
        var done = await engine.Runtime.CompleteTaskAsync(TaskId(second), "ok", "second", default);

        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal(["both done"], engine.Written);
        Assert.Equal(0, Used(engine));
    }

    [Fact]
    public void PastTheBudget_TheOldestSnapshotsGoFirst()
    {
        // Room for two states of 40 characters: keeping a third lets the oldest go, and a step that took its snapshot
        // leaves the room to the others.
        var snapshots = new InstanceSnapshots(budget: 100);
        var state = new string('s', 40);

        snapshots.Keep(Record("a", state), [], new WorkflowState());
        snapshots.Keep(Record("b", state), [], new WorkflowState());
        snapshots.Keep(Record("a", state), [], new WorkflowState());
        snapshots.Keep(Record("c", state), [], new WorkflowState());

        Assert.False(snapshots.TryTake("b", out _));
        Assert.True(snapshots.TryTake("a", out var a));
        Assert.Equal("a", a.Instance.Id);
        snapshots.Keep(Record("d", state), [], new WorkflowState());
        Assert.Equal(2, snapshots.Count);
        Assert.True(snapshots.TryTake("c", out _));
        Assert.True(snapshots.TryTake("d", out _));
        Assert.Equal(0, snapshots.Count);
    }

    [Fact]
    public void AnEndedInstance_OrAStateLargerThanTheBudget_IsNotKept()
    {
        var snapshots = new InstanceSnapshots(budget: 100);
        snapshots.Keep(Record("kept", "{}"), [], new WorkflowState());
        snapshots.Keep(Record("ended", "{}", WorkflowStatus.Finished), [], new WorkflowState());
        snapshots.Keep(Record("large", new string('s', 101)), [], new WorkflowState());

        Assert.Equal(1, snapshots.Count);
        Assert.True(snapshots.TryTake("kept", out _));
    }

    private static WorkflowInstanceRecord Record(string id, string state, WorkflowStatus status = WorkflowStatus.Suspended) => new()
    {
        Id = id, DefinitionId = "d", DefinitionVersionId = "d:1", Status = status, State = state,
    };
}
