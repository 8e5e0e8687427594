using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Holds;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// Stage 12: sends the ports' queued usage reports after commit, first to the customs registry, then to tax, with
/// backoff, until both have them (AS-16: a paper use waits for the network). When either registry answers that the
/// certificate was already used by another declaration, reconciliation holds the later case (DOUBLE_USE_DETECTED).
/// </summary>
public sealed class UsageFeedbackDispatcher(IDbContextFactory<WorkflowDbContext> dbFactory, ICustomsGateway gateway, TimeProvider clock, DoubleUseReconciliation reconciliation)
{
    /// <summary>At most this many are delivered in one sweep.</summary>
    public const int Batch = 50;

    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<UsageFeedbackRecord> due;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await (await SnapshotReads.OnAsync(read, ct)).QueryAsync(
                $"""SELECT {Columns} FROM "UsageFeedback" WHERE "Status" = @pending AND "NextAttemptAt" <= @now ORDER BY "CreatedAt" LIMIT {Batch}""", Read, ct,
                ("pending", FeedbackStatus.Pending), ("now", now));
            // Reports go out only about commits on disk (DurableCommits): customs never hears of a use a power failure could take back.
            await DurableCommits.FlushBeforeAsync(read, due, ct);
        }
        return await DeliverAsync(due, ct);
    }

    /// <summary>Sends the pending reports of one certificate now, due or not (a command that asks customs about it needs them there first).</summary>
    public async Task<int> DeliverPendingAsync(string certificateNo, CancellationToken ct)
    {
        List<UsageFeedbackRecord> pending;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            pending = await read.Set<UsageFeedbackRecord>().AsNoTracking()
                .Where(f => f.Status == FeedbackStatus.Pending && f.CertificateNo == certificateNo).OrderBy(f => f.CreatedAt).ToListAsync(ct);
            await DurableCommits.FlushBeforeAsync(read, pending, ct);
        }
        return await DeliverAsync(pending, ct);
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<UsageFeedbackRecord>().Where(f => f.Status == FeedbackStatus.Pending)
            .OrderBy(f => f.NextAttemptAt).Select(f => (DateTimeOffset?)f.NextAttemptAt).FirstOrDefaultAsync(ct);
    }

    private async Task<int> DeliverAsync(List<UsageFeedbackRecord> items, CancellationToken ct)
    {
        var delivered = 0;
        foreach (var item in items)
        {
            var message = new UsageFeedbackMessage(item.Id, ReturnsJson.Deserialize<UsageFeedback>(item.Data));
            string? error = null;
            UsageFeedbackReceipt? customs = null, tax = null;
            try
            {
                // The customs registry first: it is where a second use of the certificate can still be refused.
                if (item.CustomsDeliveredAt is null)
                    customs = await gateway.ReportUsageAsync(message, ct);
                tax = await gateway.SendUsageFeedbackAsync(message, ct);
            }
            catch (Exception ex) when (ex is CustomsUnavailableException or InvalidOperationException or HttpRequestException)
            {
                error = ex.Message;
            }

            var conflict = customs is { Conflict: not null } ? customs : tax is { Conflict: not null } ? tax : null;
            if (!await RecordAsync(item.Id, customs is not null, tax is not null, tax is not null ? conflict?.Conflict : error, ct))
                continue;
            if (tax is not null)
                delivered++;
            // After the bookkeeping's connection went back to the pool: reconciliation runs a case command on one of its own.
            if (conflict is not null && message.Feedback.Event == UsageEvent.Used)
                await reconciliation.HandleAsync(item.CaseId, message.Feedback, conflict, ct);
        }
        return delivered;
    }

    /// <summary>
    /// Records one try of a report: delivered to customs, to tax (with the conflict either answered), or the error and the
    /// next try. False when it was no longer pending.
    /// </summary>
    private async Task<bool> RecordAsync(string id, bool toCustoms, bool toTax, string? error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The report's bookkeeping is not written to disk at once (DurableCommits): lost to a power failure, the report is
        // delivered again, as it is after a crash between its delivery and this update.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = db.Resolved((await (await SnapshotReads.OnAsync(db, ct)).QueryAsync($"""SELECT {Columns} FROM "UsageFeedback" WHERE "Id" = @id""", Read, ct, ("id", id))).Single(), id);
        if (row.Status != FeedbackStatus.Pending)
            return false;
        row.Attempts++;
        if (toCustoms)
            row.CustomsDeliveredAt = clock.GetUtcNow();
        row.LastError = error;
        if (toTax)
        {
            row.Status = FeedbackStatus.Delivered;
            row.DeliveredAt = clock.GetUtcNow();
        }
        else
        {
            row.NextAttemptAt = clock.GetUtcNow() + Backoff(row.Attempts);
        }
        await ModelWrites.SaveChangesAsync(db, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private const string Columns =
        """ "Id", "CaseId", "CertificateNo", "ReturnDeclarationNo", "Status", "Attempts", "CreatedAt", "NextAttemptAt", "CustomsDeliveredAt", "DeliveredAt", "LastError", "Data" """;

    private static UsageFeedbackRecord Read(IDbRow r) => new()
    {
        Id = r.GetString(0), CaseId = r.GetString(1), CertificateNo = r.GetString(2), ReturnDeclarationNo = r.GetString(3), Status = Enum.Parse<FeedbackStatus>(r.GetString(4)),
        Attempts = r.GetInt32(5), CreatedAt = r.GetTime(6), NextAttemptAt = r.GetTime(7), CustomsDeliveredAt = r.NullableTime(8), DeliveredAt = r.NullableTime(9),
        LastError = r.NullableString(10), Data = r.GetString(11),
    };

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(2, attempts - 1), 600));
}
