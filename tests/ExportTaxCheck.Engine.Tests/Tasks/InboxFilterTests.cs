using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Tasks;

/// <summary>The inbox's filters (due range in Asia/Shanghai, priority, team view, sort by case) and each officer's saved filters.</summary>
public class InboxFilterTests : IAsyncLifetime
{
    private static readonly TaskActor Customs = TaskActor.Of("customs.officer", "CustomsOfficer");
    private static readonly TaskActor Customs2 = TaskActor.Of("customs.officer2", "CustomsOfficer");
    private static readonly TaskActor Supervisor = TaskActor.Of("supervisor", TaskActor.Supervisor);
    private EngineFixture _engine = null!;

    private TaskService Tasks => _engine.Services.GetRequiredService<TaskService>();
    private TaskFilters Filters => _engine.Services.GetRequiredService<TaskFilters>();

    public async Task InitializeAsync()
    {
        _engine = await EngineFixture.CreateAsync();
        await _engine.PublishAsync(Review("urgent", "80", "1.00:00:00"));
        await _engine.PublishAsync(Review("routine", "20", "5.00:00:00"));
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private static ExportTaxCheck.Engine.Definitions.WorkflowDefinitionModel Review(string id, string priority, string dueIn) => new FlowBuilder(id)
        .Add("review", "ExportTaxCheck.HumanTask", n =>
        {
            n.SetInput("title", "String", "Literal", "Review " + id);
            n.SetInput("candidateRole", "String", "Literal", "CustomsOfficer");
            n.SetInput("dueIn", "TimeSpan", "Literal", dueIn);
            n.SetInput("priority", "Int32", "Literal", priority);
            n.SetInput("outcomes", "String[]", "Object", "[\"Accept\"]");
        })
        .Build();

    private async Task<string> StartAsync(string definitionId, string caseId) =>
        (await _engine.StartAsync(definitionId, correlationId: caseId)).Bookmarks.Single().Payload!["taskId"]!.GetValue<string>();

    private async Task<List<string>> IdsAsync(TaskActor actor, TaskQuery query) => (await Tasks.QueryAsync(actor, query, default)).Items.Select(t => t.Id).ToList();

    [Fact]
    public async Task DueRange_IsWholeShanghaiDays_AndPriorityBoundsAreInclusive()
    {
        var urgent = await StartAsync("urgent", "RC-B");
        var routine = await StartAsync("routine", "RC-A");
        var urgentDue = DateOnly.FromDateTime(_engine.Clock.GetUtcNow().AddDays(1).ToOffset(TaskCriteria.China).DateTime);

        var dueThatDay = TaskCriteria.Parse(k => k switch { "dueFrom" or "dueTo" => urgentDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), _ => null });
        var high = TaskCriteria.Parse(k => k == "priorityMin" ? "80" : null);
        var low = TaskCriteria.Parse(k => k == "priorityMax" ? "79" : null);
        var byCase = TaskCriteria.Parse(k => k == "sort" ? "case" : null);

        Assert.Equal([urgent], await IdsAsync(Customs, dueThatDay));
        Assert.Equal([urgent], await IdsAsync(Customs, high));
        Assert.Equal([routine], await IdsAsync(Customs, low));
        Assert.Equal([routine, urgent], await IdsAsync(Customs, byCase));
        Assert.Equal([urgent, routine], await IdsAsync(Customs, new TaskQuery(Sort: "priority")));
    }

    [Theory]
    [InlineData("dueFrom", "2026-13-01")]
    [InlineData("dueTo", "tomorrow")]
    [InlineData("priorityMin", "101")]
    [InlineData("priorityMax", "-1")]
    [InlineData("escalated", "maybe")]
    [InlineData("sort", "colour")]
    [InlineData("view", "everything")]
    public void Parse_BadValue_IsA400NamingTheField(string field, string value)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => TaskCriteria.Parse(k => k == field ? value : null));

        Assert.Equal("FILTER_INVALID", ex.Code);
        Assert.Contains(field, ex.Errors.Keys);
    }

    [Fact]
    public void Parse_RangeThatEndsBeforeItStarts_IsRefused()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => TaskCriteria.Parse(k => k switch { "dueFrom" => "2026-12-10", "dueTo" => "2026-12-09", _ => null }));

        Assert.Contains("dueTo", ex.Errors.Keys);
    }

    [Fact]
    public async Task TeamView_ListsTasksOthersHold_NotMineNorOpenOnes()
    {
        var held = await StartAsync("urgent", "RC-1");
        var mine = await StartAsync("urgent", "RC-2");
        await StartAsync("routine", "RC-3");
        await Tasks.ClaimAsync(Customs, held, default);
        await Tasks.ClaimAsync(Supervisor, mine, default);

        Assert.Equal([held], await IdsAsync(Supervisor, new TaskQuery(TaskInbox.Team)));
    }

    [Fact]
    public async Task SavedFilter_IsPerUser_SameNameReplaces_AndOthersCannotSeeOrDeleteIt()
    {
        var (first, created) = await Filters.SaveAsync(Customs, " Urgent ", "?tab=available&priorityMin=80&p=3", default);
        var (again, createdAgain) = await Filters.SaveAsync(Customs, "Urgent", "view=mine&sort=case", default);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal("view=mine&sort=case", (await Filters.ListAsync(Customs, default)).Single().Query);
        Assert.Empty(await Filters.ListAsync(Customs2, default));
        Assert.Equal("FILTER_NOT_FOUND", (await Assert.ThrowsAsync<NotFoundException>(() => Filters.DeleteAsync(Customs2, first.Id, default))).Code);

        await Filters.DeleteAsync(Customs, first.Id, default);
        Assert.Empty(await Filters.ListAsync(Customs, default));
    }

    [Fact]
    public async Task SavedFilter_KeepsOnlyFilterValues_AndRefusesOnesThatDoNotParse()
    {
        var (filter, _) = await Filters.SaveAsync(Customs, "Escalated", "tab=overdue&q=RC 1&escalated=true&p=2&other=x", default);

        Assert.Equal("view=overdue&escalated=true&search=RC%201", filter.Query);
        await Assert.ThrowsAsync<InvalidRequestException>(() => Filters.SaveAsync(Customs, "Bad", "dueFrom=soon", default));
        await Assert.ThrowsAsync<InvalidRequestException>(() => Filters.SaveAsync(Customs, "", "view=mine", default));
    }
}
