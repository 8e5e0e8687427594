using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// Runs an exporter's or officer's command on a case: the case rows, the event it raises for the flow and, with an
/// idempotency key, the command's key commit together (in a commit shared with other cases' steps, see
/// <see cref="GroupCommit"/>); a rejected command writes nothing. A key that already committed does nothing again (the
/// flow has or will have heard the event once). A concurrent workflow step on the same case makes the command run again
/// on fresh data. A case on hold takes no command (E-21) unless the command is the hold's own.
/// </summary>
public sealed class CaseCommandRunner(IDbContextFactory<WorkflowDbContext> dbFactory, RuntimeSweeps sweeps, GroupCommit groupCommit, TimeProvider clock)
{
    public async Task RunAsync(string caseId, Func<WorkflowDbContext, CaseSession, DateTimeOffset, Task<string?>> command, CancellationToken ct,
        CaseCommandKey? idempotency = null, bool allowOnHold = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        var requestHash = idempotency is null ? null : IdempotencyKeys.Hash(new { idempotency.Operation, caseId, idempotency.Request });
        if (idempotency is not null)
            IdempotencyKeys.Validate(idempotency.Key);
        for (var attempt = 1; ; attempt++)
        {
            // The event is delivered after the command's connection went back to the pool: delivery runs a step on a
            // connection of its own, and one request must never hold one connection while it waits for another.
            var (retry, committed, earlier) = await TryAsync(caseId, command, idempotency, requestHash, allowOnHold, attempt, ct);
            if (retry)
                continue;
            if (committed is not null)
                await sweeps.DeliverPendingEventAsync(committed, ct);
            else if (earlier is not null)
                await sweeps.DeliverPendingEventAsync(earlier, ct);
            return;
        }
    }

    /// <summary>
    /// One attempt: true to run again on fresh data; else the event to deliver, the record this attempt committed or the
    /// id of the one an earlier try with the same key committed.
    /// </summary>
    private async Task<(bool Retry, PendingEventRecord? Committed, string? Earlier)> TryAsync(string caseId, Func<WorkflowDbContext, CaseSession, DateTimeOffset, Task<string?>> command,
        CaseCommandKey? idempotency, string? requestHash, bool allowOnHold, int attempt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The first try committed; if it died before the flow heard its event, the retry delivers it now.
        if (idempotency is not null && await IdempotencyKeys.FindAsync(db, idempotency.Key, idempotency.Operation, requestHash!, ct) is { } done)
            return (false, null, JsonNode.Parse(done.Response)?["pendingEventId"]?.GetValue<string>());
        var session = await CaseSession.LoadAsync(db, caseId, ct) ?? throw new NotFoundException($"Case '{caseId}' does not exist.", "CASE_NOT_FOUND");
        if (!allowOnHold && session.Status == ReturnCaseStatus.OnHold)
            throw OnHold(session);
        var now = clock.GetUtcNow();
        var eventName = await command(db, session, now);
        PendingEventRecord? pending = null;
        if (eventName is not null)
        {
            pending = new PendingEventRecord { Id = Ids.New(), EventName = eventName, CorrelationId = caseId, CreatedAt = now };
            db.PendingEvents.Add(pending);
        }
        if (idempotency is not null)
            db.IdempotencyKeys.Add(IdempotencyKeys.Record(idempotency.Key, idempotency.Operation, requestHash!, new { caseId, pendingEventId = pending?.Id }, now));
        try
        {
            // In a commit shared with the steps of other cases that commit at the same moment (group commit). A failure
            // rolls back this command's rows alone and the command runs again on a fresh context: no savepoint of EF Core's.
            db.Database.AutoSavepointsEnabled = false;
            await groupCommit.SaveChangesAsync(db);
        }
        catch (DbUpdateConcurrencyException) when (attempt < 5)
        {
            return (true, null, null);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && idempotency is not null && IdempotencyKeys.IsDuplicateKey(ex))
        {
            // The same command with the same key committed in another process a moment ago: the next pass finds it.
            return (true, null, null);
        }
        return (false, pending, null);
    }

    /// <summary>E-21: the refusal of any command on a held case.</summary>
    public static ConflictException OnHold(CaseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var hold = session.File.CurrentHold;
        return new ConflictException(ReasonCodes.CaseOnHold,
            $"Case {session.CaseId} is on hold ({hold?.Code ?? ReasonCodes.FraudReferral}) since {hold?.PlacedAt:yyyy-MM-dd HH:mm} UTC; nothing moves until a supervisor releases it.");
    }
}
