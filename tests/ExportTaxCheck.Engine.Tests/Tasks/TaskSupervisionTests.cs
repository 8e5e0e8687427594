using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Tests.Support;
using ExportTaxCheck.Engine.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Tasks;

/// <summary>A supervisor moves due dates (the reminder and escalation follow); officers claim and assign many tasks at once, each on its own.</summary>
public class TaskSupervisionTests : IAsyncLifetime
{
    private static readonly TaskActor Customs = TaskActor.Of("customs.officer", "CustomsOfficer");
    private static readonly TaskActor Customs2 = TaskActor.Of("customs.officer2", "CustomsOfficer");
    private static readonly TaskActor Supervisor = TaskActor.Of("supervisor", TaskActor.Supervisor);
    private static readonly string Hash = PasswordHashing.Hash("not-used-here");
    private EngineFixture _engine = null!;

    private TaskService Tasks => _engine.Services.GetRequiredService<TaskService>();
    private TaskBulk Bulk => _engine.Services.GetRequiredService<TaskBulk>();
    private TaskTimers Timers => _engine.Services.GetRequiredService<TaskTimers>();

    public async Task InitializeAsync()
    {
        _engine = await EngineFixture.CreateAsync();
        await _engine.Services.GetRequiredService<OfficerDirectory>().SeedAsync(
        [
            new ConfiguredUser { UserName = "customs.officer2", DisplayName = "Customs 2", Roles = ["CustomsOfficer"], PasswordHash = Hash },
            new ConfiguredUser { UserName = "tax.officer", DisplayName = "Tax", Roles = ["TaxOfficer"], PasswordHash = Hash },
        ], default);
        await _engine.PublishAsync(new FlowBuilder("review")
            .Add("review", "ExportTaxCheck.HumanTask", n =>
            {
                n.SetInput("title", "String", "Literal", "Review");
                n.SetInput("candidateRole", "String", "Literal", "CustomsOfficer");
                n.SetInput("dueIn", "TimeSpan", "Literal", "2.00:00:00");
                n.SetInput("remindBefore", "TimeSpan", "Literal", "1.00:00:00");
                n.SetInput("escalateAfter", "TimeSpan", "Literal", "00:00:00");
                n.SetInput("outcomes", "String[]", "Object", "[\"Accept\"]");
            })
            .Build());
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private async Task<string> StartAsync(string caseId) =>
        (await _engine.StartAsync("review", correlationId: caseId)).Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();

    private async Task<HumanTaskRecord> RowAsync(string taskId)
    {
        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
    }

    [Fact]
    public async Task SetDue_MovesReminderAndEscalation_SoNeitherFiresAtTheOldTimes()
    {
        var start = _engine.Clock.GetUtcNow();
        var taskId = await StartAsync("RC-DUE");

        await Tasks.SetDueAsync(Supervisor, taskId, start.AddDays(5), default);
        var moved = await RowAsync(taskId);
        _engine.Clock.Advance(TimeSpan.FromDays(3));
        var firedAtOldTimes = await Timers.FireDueAsync(default);
        _engine.Clock.Advance(TimeSpan.FromDays(1));
        var reminded = await Timers.FireDueAsync(default);
        _engine.Clock.Advance(TimeSpan.FromDays(1));
        var escalated = await Timers.FireDueAsync(default);
        var audit = (await Tasks.GetAsync(Supervisor, taskId, default)).Audit;

        Assert.Equal((start.AddDays(5), start.AddDays(4), start.AddDays(5)), (moved.DueAt, moved.RemindAt, moved.EscalateAt));
        Assert.Equal((0, 1, 1), (firedAtOldTimes, reminded, escalated));
        Assert.Contains(audit, a => a.Action == TaskActions.DueChanged && a.Actor == "supervisor");
    }

    [Fact]
    public async Task SetDue_AfterTheReminder_ArmsItAgainForTheLaterDate()
    {
        var start = _engine.Clock.GetUtcNow();
        var taskId = await StartAsync("RC-REMIND");
        _engine.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await Timers.FireDueAsync(default));

        await Tasks.SetDueAsync(Supervisor, taskId, start.AddDays(10), default);
        var row = await RowAsync(taskId);

        Assert.Equal((start.AddDays(9), (DateTimeOffset?)null), (row.RemindAt, row.RemindedAt));
        Assert.Equal(start.AddDays(9), await Timers.NextDueAsync(default));
    }

    [Fact]
    public async Task SetDue_ByAnOfficerOrIntoThePast_IsRefused()
    {
        var taskId = await StartAsync("RC-REFUSED");
        var due = (await RowAsync(taskId)).DueAt;

        Assert.Equal("TASK_DUE_FORBIDDEN", (await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.SetDueAsync(Customs, taskId, _engine.Clock.GetUtcNow().AddDays(9), default))).Code);
        Assert.Equal("DUE_IN_PAST", (await Assert.ThrowsAsync<InvalidRequestException>(() => Tasks.SetDueAsync(Supervisor, taskId, _engine.Clock.GetUtcNow().AddHours(-1), default))).Code);
        Assert.Equal(due, (await RowAsync(taskId)).DueAt);
    }

    [Fact]
    public async Task BulkClaim_ClaimsWhatIsFree_AndAnswersEachTaskTakenMeanwhileOnItsOwn()
    {
        var a = await StartAsync("RC-1");
        var b = await StartAsync("RC-2");
        await Tasks.ClaimAsync(Customs2, b, default);

        var results = await Bulk.ClaimAsync(Customs, [a, b, "missing", a], default);

        Assert.Equal([(a, true, (string?)null), (b, false, "TASK_CLAIMED"), ("missing", false, "TASK_NOT_FOUND")],
            results.Select(r => (r.TaskId, r.Ok, r.Code)).ToArray());
        Assert.Equal(("customs.officer", "customs.officer2"), ((await RowAsync(a)).Assignee, (await RowAsync(b)).Assignee));
    }

    [Fact]
    public async Task BulkAssign_BySupervisor_AssignsCandidates_AndAnOfficerWithoutTheRoleFailsPerTask()
    {
        var a = await StartAsync("RC-3");
        var b = await StartAsync("RC-4");

        var assigned = await Bulk.AssignAsync(Supervisor, [a, b], "customs.officer2", default);
        var wrongRole = await Bulk.AssignAsync(Supervisor, [a], "tax.officer", default);
        var byOfficer = await Bulk.AssignAsync(Customs, [a], "customs.officer2", default);

        Assert.All(assigned, r => Assert.True(r.Ok));
        Assert.Equal("customs.officer2", (await RowAsync(b)).Assignee);
        Assert.Equal((400, "ASSIGNEE_NOT_CANDIDATE"), (wrongRole.Single().Status, wrongRole.Single().Code));
        Assert.Equal(403, byOfficer.Single().Status);
        await Assert.ThrowsAsync<InvalidRequestException>(() => Bulk.ClaimAsync(Customs, [], default));
        await Assert.ThrowsAsync<InvalidRequestException>(() => Bulk.AssignAsync(Supervisor, [a], "nobody", default));
    }
}
