using ExportTaxCheck.Engine.Activities;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Tasks;

/// <summary>The roles a task is offered to are the deployment's (Tasks:Roles), not the engine's.</summary>
public class TaskRoleTests
{
    private static readonly TaskRoleOptions Clerks = new() { Roles = ["Clerk", "Auditor"], EscalationRole = "Head" };

    [Fact]
    public void Descriptor_ConfiguredRoles_AreTheRoleDropdownsWithTheirDefaults()
    {
        var descriptor = Describe(Clerks);

        var candidate = Input(descriptor, nameof(HumanTask.CandidateRole));
        Assert.Equal(UIHints.DropDown, candidate.UIHint);
        Assert.Equal(["Clerk", "Auditor"], Items(candidate));
        Assert.Equal("Clerk", candidate.DefaultValue!.GetValue<string>());
        var escalation = Input(descriptor, nameof(HumanTask.EscalateTo));
        Assert.Equal(["Head", "Clerk", "Auditor"], Items(escalation));
        Assert.Equal("Head", escalation.DefaultValue!.GetValue<string>());
    }

    [Fact]
    public void Descriptor_NoConfiguredRoles_LeavesTheRolesFreeText()
    {
        var candidate = Input(Describe(new TaskRoleOptions()), nameof(HumanTask.CandidateRole));

        Assert.Equal(UIHints.SingleLine, candidate.UIHint);
        Assert.Null(candidate.UISpecifications!["dropdown"]);
        Assert.Null(candidate.DefaultValue);
    }

    [Fact]
    public async Task Start_TaskNamingNoRole_IsOfferedToTheFirstConfiguredRoleAndEscalatesToTheConfiguredOne()
    {
        await using var engine = await EngineFixture.CreateAsync(s => s.Configure<TaskRoleOptions>(o =>
        {
            o.Roles = Clerks.Roles;
            o.EscalationRole = Clerks.EscalationRole;
        }));

        var task = await StartTaskWithoutRolesAsync(engine);

        Assert.Equal(("Clerk", "Head"), (task.CandidateRole, task.EscalateTo));
    }

    [Fact]
    public async Task Start_TaskNamingNoRoleWithNoneConfigured_IsForSupervisors()
    {
        await using var engine = await EngineFixture.CreateAsync();

        var task = await StartTaskWithoutRolesAsync(engine);

        Assert.Equal((TaskActor.Supervisor, TaskActor.Supervisor), (task.CandidateRole, task.EscalateTo));
    }

    private static async Task<HumanTaskRecord> StartTaskWithoutRolesAsync(EngineFixture engine)
    {
        await engine.PublishAsync(new FlowBuilder("no-role")
            .Add("review", "ExportTaxCheck.HumanTask", n => n.SetInput("title", "String", "Literal", "Review"))
            .Build());
        var started = await engine.StartAsync("no-role", correlationId: "K-1");
        var taskId = started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();
        await using var db = await engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
    }

    private static ActivityDescriptor Describe(TaskRoleOptions roles)
    {
        var registry = new ActivityRegistry([typeof(HumanTask)], roles.Choices());
        Assert.True(registry.TryGet("ExportTaxCheck.HumanTask", out var descriptor));
        return descriptor;
    }

    private static InputDescriptor Input(ActivityDescriptor descriptor, string name) => descriptor.Inputs.Single(i => i.Name == name);

    private static string[] Items(InputDescriptor input) =>
        input.UISpecifications!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()).ToArray();
}
