using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Tasks;

public class HumanTaskTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = await EngineFixture.CreateAsync();
        await _engine.PublishAsync(new FlowBuilder("review")
            .Add("review", "ExportTaxCheck.HumanTask", n =>
            {
                n.SetInput("title", "String", "Liquid", "Review evidence of {{ CorrelationId }}");
                n.SetInput("candidateRole", "String", "Literal", "CustomsOfficer");
                n.SetInput("dueIn", "TimeSpan", "Literal", "2.00:00:00");
                n.SetInput("outcomes", "String[]", "Object", "[\"Accept\",\"Reject\"]");
            })
            .WriteLine("accepted", "accepted").WriteLine("rejected", "rejected")
            .Connect("review", "accepted", "Accept").Connect("review", "rejected", "Reject")
            .Build());
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task Start_HumanTask_WritesOpenTaskRowWithRoleTitleAndDueDate()
    {
        var started = await _engine.StartAsync("review", correlationId: "RC-2026-000001");

        var task = await TaskAsync(started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>());
        Assert.Equal(HumanTaskStatus.Open, task.Status);
        Assert.Equal("Review evidence of RC-2026-000001", task.Title);
        Assert.Equal("CustomsOfficer", task.CandidateRole);
        Assert.Equal("RC-2026-000001", task.CorrelationId);
        Assert.Equal(_engine.Clock.GetUtcNow().AddDays(2), task.DueAt);
        Assert.Equal(["Accept", "Reject"], task.OutcomeList());
    }

    [Fact]
    public async Task Complete_WithOutcome_FollowsThatPortAndClosesTask()
    {
        var started = await _engine.StartAsync("review", correlationId: "RC-2026-000002");
        var taskId = started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();

        var done = await _engine.Runtime.CompleteTaskAsync(taskId,
            new JsonObject { ["outcome"] = "Reject", ["comment"] = "no self-declaration", ["completedBy"] = "C-2231" }, null, default);

        Assert.Equal(new[] { "rejected" }, done.Lines);
        var task = await TaskAsync(taskId);
        Assert.Equal(HumanTaskStatus.Completed, task.Status);
        Assert.Equal("Reject", task.Outcome);
        Assert.Equal("C-2231", task.CompletedBy);
        Assert.Equal("no self-declaration", task.Comment);
    }

    [Fact]
    public async Task Complete_WithUnknownOutcome_IsRefusedAndTaskStaysOpen()
    {
        var started = await _engine.StartAsync("review", correlationId: "RC-2026-000003");
        var taskId = started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _engine.Runtime.CompleteTaskAsync(taskId, new JsonObject { ["outcome"] = "Maybe" }, null, default));

        Assert.Equal("OUTCOME_INVALID", ex.Code);
        Assert.Equal(HumanTaskStatus.Open, (await TaskAsync(taskId)).Status);
        var again = await _engine.Runtime.CompleteTaskAsync(taskId, new JsonObject { ["outcome"] = "Accept" }, null, default);
        Assert.Equal(WorkflowStatus.Finished, again.Status);
    }

    [Fact]
    public async Task CancelInstance_OpenTask_IsCancelled()
    {
        var started = await _engine.StartAsync("review", correlationId: "RC-2026-000004");
        var taskId = started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();

        await _engine.Runtime.CancelAsync(started.InstanceId, null, default);

        Assert.Equal(HumanTaskStatus.Cancelled, (await TaskAsync(taskId)).Status);
    }

    private async Task<HumanTaskRecord> TaskAsync(string id)
    {
        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == id);
    }
}
