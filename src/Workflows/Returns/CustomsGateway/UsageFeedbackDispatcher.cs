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
        var tries = new List<Try>(items.Count);
        try
        {
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
                tries.Add(new Try(item, message, customs, tax, error));
            }
        }
        finally
        {
            // Also when the sweep is stopped part-way: what customs and tax have heard is recorded.
            await RecordAsync(tries);
        }

        var delivered = 0;
        foreach (var done in tries.Where(t => t.Recorded))
        {
            if (done.Tax is not null)
                delivered++;
            // After the bookkeeping committed: reconciliation runs a case command on a connection of its own.
            if (done.Conflict is not null && done.Message.Feedback.Event == UsageEvent.Used)
                await reconciliation.HandleAsync(done.Item.CaseId, done.Message.Feedback, done.Conflict, ct);
        }
        return delivered;
    }

    /// <summary>One report's try in a sweep: what customs and tax answered, or the error.</summary>
    private sealed record Try(UsageFeedbackRecord Item, UsageFeedbackMessage Message, UsageFeedbackReceipt? Customs, UsageFeedbackReceipt? Tax, string? Error)
    {
        public UsageFeedbackReceipt? Conflict => Customs is { Conflict: not null } ? Customs : Tax is { Conflict: not null } ? Tax : null;

        /// <summary>Its bookkeeping was written (false: the report was no longer pending).</summary>
        public bool Recorded { get; set; }
    }

    /// <summary>
    /// Records the sweep's tries in one transaction: each report delivered to customs, to tax (with the conflict either
    /// answered), or the error and its next try; one that is no longer pending is left as it is. The bookkeeping is not
    /// written to disk at once (DurableCommits): a report whose bookkeeping a crash or a power failure took is delivered
    /// again, and customs and tax answer a report they already have as they did the first time.
    /// </summary>
    private async Task RecordAsync(List<Try> tries)
    {
        if (tries.Count == 0)
            return;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var sql = await SnapshotReads.OnAsync(db, CancellationToken.None);
        var now = clock.GetUtcNow();
        var rows = await ById.QueryAsync(sql, tries.Select(t => t.Item.Id), Read, CancellationToken.None);
        foreach (var done in tries)
        {
            var row = db.Resolved(rows.Single(r => r.Id == done.Item.Id), done.Item.Id);
            if (row.Status != FeedbackStatus.Pending)
                continue;
            row.Attempts++;
            if (done.Customs is not null)
                row.CustomsDeliveredAt = now;
            row.LastError = done.Tax is not null ? done.Conflict?.Conflict : done.Error;
            if (done.Tax is not null)
            {
                row.Status = FeedbackStatus.Delivered;
                row.DeliveredAt = now;
            }
            else
            {
                row.NextAttemptAt = now + Backoff(row.Attempts);
            }
            done.Recorded = true;
        }
        await ModelWrites.SaveChangesAsync(db, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    // The sweep's reports read again for their bookkeeping, up to 32 a statement.
    private static readonly InListQuery ById = new($"""SELECT {Columns} FROM "UsageFeedback" """, "\"Id\"");

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
