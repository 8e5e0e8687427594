using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Tests.Tasks;

/// <summary>
/// A task row read with the plain statement is the row EF Core would give: every column as stored; in a unit of work that
/// tracks what it reads, tracked as read (a change is saved, and a change someone else saved meanwhile is a conflict), and
/// the unit of work's own entity when it holds the row already.
/// </summary>
public sealed class HumanTaskRowsTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task ARow_IsReadWithEveryColumnAsStored()
    {
        var stored = await StoreAsync();
        await using var db = await CreateAsync(QueryTrackingBehavior.NoTracking);

        var read = await HumanTaskRows.FindAsync(db, stored.Id, default);

        Assert.NotNull(read);
        Assert.Equivalent(stored, read, strict: true);
        Assert.Empty(db.ChangeTracker.Entries());
        Assert.Null(await HumanTaskRows.FindAsync(db, "no-such-task", default));
    }

    [Fact]
    public async Task InATrackingUnitOfWork_TheRowIsTracked_SoAChangeIsSaved_AndAChangeMadeMeanwhileIsAConflict()
    {
        var stored = await StoreAsync();
        await using (var db = await CreateAsync(QueryTrackingBehavior.TrackAll))
        {
            var task = (await HumanTaskRows.FindAsync(db, stored.Id, default))!;
            task.Assignee = "officer-2";
            task.Revision++;
            await db.SaveChangesAsync();
        }
        await using (var check = await CreateAsync(QueryTrackingBehavior.NoTracking))
            Assert.Equal("officer-2", (await check.HumanTasks.SingleAsync(t => t.Id == stored.Id)).Assignee);

        await using var late = await CreateAsync(QueryTrackingBehavior.TrackAll);
        var seen = (await HumanTaskRows.FindAsync(late, stored.Id, default))!;
        await using (var other = await CreateAsync(QueryTrackingBehavior.TrackAll))
        {
            var first = await other.HumanTasks.SingleAsync(t => t.Id == stored.Id);
            first.Assignee = "officer-3";
            first.Revision++;
            await other.SaveChangesAsync();
        }
        seen.Assignee = "officer-4";
        seen.Revision++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => late.SaveChangesAsync());
    }

    [Fact]
    public async Task ARowTheUnitOfWorkHolds_IsItsOwnEntity_WithItsUnsavedChanges()
    {
        var stored = await StoreAsync();
        await using var db = await CreateAsync(QueryTrackingBehavior.TrackAll);
        var held = await db.HumanTasks.SingleAsync(t => t.Id == stored.Id);
        held.Comment = "not saved yet";

        var read = await HumanTaskRows.FindAsync(db, stored.Id, default);

        Assert.Same(held, read);
        Assert.Equal("not saved yet", read!.Comment);
    }

    private async Task<HumanTaskRecord> StoreAsync()
    {
        var task = _engine.TaskRow();
        task.Assignee = "officer-1";
        task.Status = HumanTaskStatus.Claimed;
        task.ClaimedAt = task.CreatedAt.AddMinutes(5);
        await using var db = await CreateAsync(QueryTrackingBehavior.TrackAll);
        db.HumanTasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }

    private Task<WorkflowDbContext> CreateAsync(QueryTrackingBehavior tracking) => _engine.ContextAsync(tracking);
}
