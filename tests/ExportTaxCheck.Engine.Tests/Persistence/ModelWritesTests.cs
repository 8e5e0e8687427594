using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Persistence;

/// <summary>
/// A unit of work's rows saved with plain statements are the rows EF Core would save: an added row whole (a key the
/// database generates read back into the entity), a modified row's changed columns guarded by its concurrency token, a
/// deleted row gone; the unit of work then holds them as saved. A row changed meanwhile is a concurrency conflict, and
/// outside a transaction nothing is written (EF Core saves then).
/// </summary>
public sealed class ModelWritesTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task AddedModifiedAndDeletedRows_AreWrittenAsEfCoreWouldWriteThem()
    {
        var now = _engine.Clock.GetUtcNow();
        var task = await SeedTaskAsync();
        await using (var seed = await CreateAsync())
        {
            seed.Set<SettingRecord>().Add(new SettingRecord { Key = "gone", Value = "x", UpdatedAt = now });
            await seed.SaveChangesAsync();
        }

        await using var db = await CreateAsync();
        var sql = await _engine.Services.GetRequiredService<StepStore>().BeginAsync(db, default);
        var audit = new TaskAuditRecord { TaskId = task.Id, At = now.AddMinutes(1), Actor = "officer-1", Action = TaskActions.Claimed, Detail = null };
        db.TaskAudit.Add(audit);
        db.Set<SettingRecord>().Add(new SettingRecord { Key = "new", Value = "值 value", UpdatedAt = now.AddTicks(7) });
        var tracked = await db.HumanTasks.SingleAsync(t => t.Id == task.Id);
        tracked.Assignee = "officer-1";
        tracked.Status = HumanTaskStatus.Claimed;
        tracked.ClaimedAt = now.AddMinutes(1);
        tracked.Revision++;
        db.Remove(await db.Set<SettingRecord>().SingleAsync(s => s.Key == "gone"));

        Assert.True(await ModelWrites.TrySaveAsync(db, sql, default));
        await sql.Transaction!.CommitAsync();

        Assert.True(audit.Id > 0);
        Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
        await using var check = await CreateAsync();
        var storedAudit = await check.TaskAudit.AsNoTracking().SingleAsync(a => a.Id == audit.Id);
        Assert.Equivalent(audit, storedAudit, strict: true);
        var storedTask = await check.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
        Assert.Equivalent(tracked, storedTask, strict: true);
        Assert.Equal(now.AddTicks(7), (await check.Set<SettingRecord>().AsNoTracking().SingleAsync(s => s.Key == "new")).UpdatedAt);
        Assert.Equal("值 value", (await check.Set<SettingRecord>().AsNoTracking().SingleAsync(s => s.Key == "new")).Value);
        Assert.False(await check.Set<SettingRecord>().AnyAsync(s => s.Key == "gone"));
    }

    [Fact]
    public async Task ARowChangedMeanwhile_IsAConcurrencyConflict()
    {
        var task = await SeedTaskAsync();
        await using var db = await CreateAsync();
        var mine = await db.HumanTasks.SingleAsync(t => t.Id == task.Id);
        await using (var other = await CreateAsync())
        {
            var theirs = await other.HumanTasks.SingleAsync(t => t.Id == task.Id);
            theirs.Assignee = "officer-2";
            theirs.Revision++;
            await other.SaveChangesAsync();
        }
        var sql = await _engine.Services.GetRequiredService<StepStore>().BeginAsync(db, default);
        mine.Assignee = "officer-3";
        mine.Revision++;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => ModelWrites.TrySaveAsync(db, sql, default));
        await sql.Transaction!.RollbackAsync();

        Assert.Equal(EntityState.Modified, db.Entry(mine).State);
        await using var check = await CreateAsync();
        Assert.Equal("officer-2", (await check.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id)).Assignee);
    }

    [Fact]
    public async Task ARowDeletedToMakeRoom_GoesBeforeTheRowAddedWithItsUniqueValue()
    {
        string messageId;
        await using (var seed = await CreateAsync())
        {
            messageId = Outbox.Enqueue(seed, _engine.Clock.GetUtcNow(), ["buyer@example.cn"], subject: "First", textBody: "One.").MessageId;
            await seed.SaveChangesAsync();
        }
        await using var db = await CreateAsync();
        var sql = await _engine.Services.GetRequiredService<StepStore>().BeginAsync(db, default);
        // Added first, deleted second: written in that order, the new row would break the unique Message-Id.
        var replacement = Outbox.Enqueue(db, _engine.Clock.GetUtcNow(), ["buyer@example.cn"], subject: "Second", textBody: "Two.");
        replacement.MessageId = messageId;
        db.Remove(await db.Outbox.SingleAsync(m => m.Subject == "First"));

        Assert.True(await ModelWrites.TrySaveAsync(db, sql, default));
        await sql.Transaction!.CommitAsync();

        await using var check = await CreateAsync();
        Assert.Equal("Second", (await check.Outbox.AsNoTracking().SingleAsync(m => m.MessageId == messageId)).Subject);
    }

    [Fact]
    public async Task OutsideATransaction_NothingIsWritten_AndTheChangesStayForEfCore()
    {
        await using var db = await CreateAsync();
        var sql = await _engine.Services.GetRequiredService<StepStore>().OpenAsync(db, default);
        db.Set<SettingRecord>().Add(new SettingRecord { Key = "later", Value = "x", UpdatedAt = _engine.Clock.GetUtcNow() });

        Assert.False(await ModelWrites.TrySaveAsync(db, sql, default));

        Assert.Equal(EntityState.Added, db.ChangeTracker.Entries().Single().State);
        await using var check = await CreateAsync();
        Assert.False(await check.Set<SettingRecord>().AnyAsync(s => s.Key == "later"));
    }

    private async Task<HumanTaskRecord> SeedTaskAsync()
    {
        var task = _engine.TaskRow();
        await using var db = await CreateAsync();
        db.HumanTasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }

    private Task<WorkflowDbContext> CreateAsync() => _engine.ContextAsync();
}
