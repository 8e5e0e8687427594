using ExportTaxCheck.Returns.Clearance;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>Sends queued usage feedback to tax after commit, with backoff, until delivered (AS-16: paper usage waits for the network).</summary>
public sealed class UsageFeedbackDispatcher(IDbContextFactory<WorkflowDbContext> dbFactory, ICustomsGateway gateway, TimeProvider clock)
{
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<UsageFeedbackRecord> due;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
            due = await read.Set<UsageFeedbackRecord>().AsNoTracking()
                .Where(f => f.Status == FeedbackStatus.Pending && f.NextAttemptAt <= now).OrderBy(f => f.NextAttemptAt).Take(50).ToListAsync(ct);

        var delivered = 0;
        foreach (var item in due)
        {
            string? error = null;
            UsageFeedbackReceipt? receipt = null;
            try
            {
                receipt = await gateway.SendUsageFeedbackAsync(new UsageFeedbackMessage(item.Id, ReturnsJson.Deserialize<UsageFeedback>(item.Data)), ct);
            }
            catch (Exception ex) when (ex is CustomsUnavailableException or InvalidOperationException or HttpRequestException)
            {
                error = ex.Message;
            }

            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.Set<UsageFeedbackRecord>().FirstAsync(f => f.Id == item.Id, ct);
            row.Attempts++;
            if (receipt is not null)
            {
                row.Status = FeedbackStatus.Delivered;
                row.DeliveredAt = clock.GetUtcNow();
                row.LastError = receipt.DoubleUseDetected ? ReasonCodes.DoubleUseDetected : null;
                delivered++;
            }
            else
            {
                row.LastError = error;
                row.NextAttemptAt = clock.GetUtcNow() + Backoff(row.Attempts);
            }
            await db.SaveChangesAsync(ct);
        }
        return delivered;
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<UsageFeedbackRecord>().Where(f => f.Status == FeedbackStatus.Pending)
            .OrderBy(f => f.NextAttemptAt).Select(f => (DateTimeOffset?)f.NextAttemptAt).FirstOrDefaultAsync(ct);
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(2, attempts - 1), 600));
}
