using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Persistence;

public class GroupCommitTests
{
    private static Task<EngineFixture> EngineAsync(TimeSpan window) =>
        EngineFixture.CreateAsync(services => services.Configure<RuntimeOptions>(o => o.GroupCommitWindow = window));

    private static PendingEventRecord Event(string name) => new() { Id = Ids.New(), EventName = name, CreatedAt = DateTimeOffset.UnixEpoch };

    private static async Task<List<string>> EventNamesAsync(EngineFixture engine)
    {
        await using var db = await engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.PendingEvents.Select(e => e.EventName).OrderBy(n => n).ToListAsync();
    }

    [Fact]
    public async Task StepsThatArriveTogether_ShareOneTransaction_AndARefusedOneIsRolledBackAlone()
    {
        await using var engine = await EngineAsync(TimeSpan.FromSeconds(30));
        var group = engine.Services.GetRequiredService<GroupCommit>();
        // Three steps are running: the first to commit waits for the other two, then writes all three in one transaction.
        var running = Enumerable.Range(0, 3).Select(_ => group.Running()).ToList();

        var factory = engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        Task<int> Commit(string name, bool refuse) => Task.Run(async () =>
        {
            await using var own = await factory.CreateDbContextAsync();
            return await group.CommitAsync(own, async (sql, db) =>
            {
                db.PendingEvents.Add(Event(name));
                await (await sql.EnlistAsync(db, default)).SaveChangesAsync();
                if (refuse)
                    throw new InvalidOperationException("refused after writing " + name);
            });
        });

        var first = Commit("a", refuse: false);
        var refused = Commit("b", refuse: true);
        var third = Commit("c", refuse: false);

        Assert.Equal(3, await first);
        Assert.Equal(3, await third);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        Assert.Equal("refused after writing b", error.Message);
        Assert.Equal(["a", "c"], await EventNamesAsync(engine));
        Assert.Equal(1, group.Transactions);
        Assert.Equal(2, group.Steps);
        running.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task ACommandsRows_ShareTheCommitOfTheStepsThatArriveWithThem_AndARefusedCommandIsRolledBackAlone()
    {
        await using var engine = await EngineAsync(TimeSpan.FromSeconds(30));
        var group = engine.Services.GetRequiredService<GroupCommit>();
        var factory = engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var taken = Event("taken");
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.PendingEvents.Add(taken);
            await db.SaveChangesAsync();
        }
        // A step and two commands are about to commit: the first to arrive waits for the others.
        var running = Enumerable.Range(0, 3).Select(_ => group.Running()).ToList();

        var step = Task.Run(async () =>
        {
            await using var own = await factory.CreateDbContextAsync();
            return await group.CommitAsync(own, async (sql, db) =>
            {
                db.PendingEvents.Add(Event("step"));
                await (await sql.EnlistAsync(db, default)).SaveChangesAsync();
            });
        });
        Task Command(PendingEventRecord raised) => Task.Run(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            db.PendingEvents.Add(raised);
            await group.SaveChangesAsync(db);
        });
        var command = Command(Event("command"));
        // Its event row has the id of one already written.
        var refused = Command(new PendingEventRecord { Id = taken.Id, EventName = "refused", CreatedAt = DateTimeOffset.UnixEpoch });

        Assert.Equal(3, await step);
        await command;
        await Assert.ThrowsAsync<DbUpdateException>(() => refused);
        Assert.Equal(["command", "step", "taken"], await EventNamesAsync(engine));
        Assert.Equal(1, group.Transactions);
        Assert.Equal(2, group.Steps);
        running.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task ALoneStep_DoesNotWaitForTheWindow()
    {
        // Nobody else runs: a window of an hour must not hold the step.
        await using var engine = await EngineAsync(TimeSpan.FromHours(1));
        var group = engine.Services.GetRequiredService<GroupCommit>();
        await using var own = await engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        using (group.Running())
        {
            Assert.Equal(1, await group.CommitAsync(own, async (sql, db) =>
            {
                db.PendingEvents.Add(Event("alone"));
                await (await sql.EnlistAsync(db, default)).SaveChangesAsync();
            }));
        }
        Assert.Equal(["alone"], await EventNamesAsync(engine));
    }

    [Fact]
    public async Task ALoneResume_CommitsInATransactionOfItsOwn_WithoutWaiting()
    {
        await using var engine = await EngineAsync(TimeSpan.FromHours(1));
        await engine.PublishAsync(new FlowBuilder("task").Add("task", "Elsa.RunTask", n => n.SetInput("taskName", "String", "Literal", "Approve")).Build());
        var started = await engine.StartAsync("task");
        var group = engine.Services.GetRequiredService<GroupCommit>();
        var (transactionsBefore, stepsBefore) = (group.Transactions, group.Steps);

        var done = await engine.Runtime.CompleteTaskAsync(started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>(), "ok", "key-1", default);

        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal(transactionsBefore + 1, group.Transactions);
        Assert.Equal(stepsBefore + 1, group.Steps);
    }

    [Fact]
    public async Task OnASqliteFile_StepsOfManyUnitsOfWork_CommitOnTheProcesssOneWriterConnection()
    {
        await using var engine = await EngineAsync(TimeSpan.FromMilliseconds(2));
        await engine.PublishAsync(new FlowBuilder("task").Add("task", "Elsa.RunTask", n => n.SetInput("taskName", "String", "Literal", "Approve")).Build());
        var started = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => engine.StartAsync("task")));
        var writer = engine.Services.GetRequiredService<SqliteWriter>();
        var unitsBefore = writer.Units;
        var group = engine.Services.GetRequiredService<GroupCommit>();
        var transactionsBefore = group.Transactions;

        var done = await Task.WhenAll(started.Select((s, i) =>
            engine.Runtime.CompleteTaskAsync(s.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>(), "ok", "key-" + i, default)));

        Assert.All(done, d => Assert.Equal(WorkflowStatus.Finished, d.Status));
        // Every shared transaction was one unit of work of the writer, all on the connection it opened first.
        Assert.Equal(group.Transactions - transactionsBefore, writer.Units - unitsBefore);
        Assert.Equal(1, writer.Connections);
    }

    [Fact]
    public async Task WindowZero_TurnsGroupCommitOff_EachStepCommitsAlone()
    {
        await using var engine = await EngineAsync(TimeSpan.Zero);
        await engine.PublishAsync(new FlowBuilder("task").Add("task", "Elsa.RunTask", n => n.SetInput("taskName", "String", "Literal", "Approve")).Build());
        var started = await engine.StartAsync("task");

        var done = await engine.Runtime.CompleteTaskAsync(started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>(), "ok", "key-1", default);

        Assert.Equal(WorkflowStatus.Finished, done.Status);
        var group = engine.Services.GetRequiredService<GroupCommit>();
        Assert.False(group.Enabled);
        Assert.Equal(0, group.Steps);
    }

    [Fact]
    public async Task ConcurrentHumanTaskCompletions_AllCommit_WithTheirTaskRowsAndAudit()
    {
        await using var engine = await EngineAsync(TimeSpan.FromSeconds(5));
        await engine.PublishAsync(new FlowBuilder("review")
            .Add("review", "ExportTaxCheck.HumanTask", n =>
            {
                n.SetInput("title", "String", "Literal", "Review");
                n.SetInput("candidateRole", "String", "Literal", "CustomsOfficer");
                n.SetInput("outcomes", "String[]", "Object", "[\"Accept\"]");
            })
            .WriteLine("accepted", "accepted")
            .Connect("review", "accepted", "Accept")
            .Build());
        var taskIds = new List<string>();
        for (var i = 0; i < 6; i++)
            taskIds.Add((await engine.StartAsync("review", correlationId: "RC-" + i)).Bookmarks.Single().Payload!["taskId"]!.GetValue<string>());
        var group = engine.Services.GetRequiredService<GroupCommit>();
        var stepsBefore = group.Steps;

        var done = await Task.WhenAll(taskIds.Select(id => Task.Run(() =>
            engine.Runtime.CompleteTaskAsync(id, new JsonObject { ["outcome"] = "Accept", ["completedBy"] = "C-1" }, "complete-" + id, default))));

        Assert.All(done, d => Assert.Equal(WorkflowStatus.Finished, d.Status));
        Assert.Equal(stepsBefore + 6, group.Steps);
        await using var db = await engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var tasks = await db.HumanTasks.Where(t => taskIds.Contains(t.Id)).ToListAsync();
        Assert.All(tasks, t => Assert.Equal(HumanTaskStatus.Completed, t.Status));
        Assert.Equal(6, await db.TaskAudit.CountAsync(a => taskIds.Contains(a.TaskId) && a.Action == TaskActions.Completed));
        Assert.Equal(6, await db.IdempotencyKeys.CountAsync(k => k.Key.StartsWith("complete-")));
        // A retry with the same key replays the committed answer and writes nothing more.
        var replay = await engine.Runtime.CompleteTaskAsync(taskIds[0], new JsonObject { ["outcome"] = "Accept", ["completedBy"] = "C-1" }, "complete-" + taskIds[0], default);
        Assert.True(replay.Replayed);
        Assert.Equal(stepsBefore + 6, group.Steps);
    }
}
