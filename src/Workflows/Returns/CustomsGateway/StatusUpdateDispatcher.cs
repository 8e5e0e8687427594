using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// sends the queued <see cref="CertificateStatusUpdate"/>s to customs after commit, oldest first, retried with the
/// transmission's backoff (V-30: 1, 2, 4, 8, 16 minutes, then every 16 minutes) until customs acknowledges; a resend
/// carries the same message id, so customs applies it once. A NACK (the message itself refused) is recorded as Failed.
/// </summary>
public sealed class StatusUpdateDispatcher(IDbContextFactory<WorkflowDbContext> dbFactory, ICustomsGateway gateway, TimeProvider clock, ReturnsDomainOptions options)
{
    /// <summary>At most this many are delivered in one sweep.</summary>
    public const int Batch = 50;

    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<CertificateStatusUpdateRecord> due;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await read.Set<CertificateStatusUpdateRecord>().AsNoTracking()
                .Where(u => u.Status == StatusUpdateDelivery.Pending && u.NextAttemptAt <= now).OrderBy(u => u.CreatedAt).ThenBy(u => u.Sequence).Take(Batch).ToListAsync(ct);
            // Customs hears only of commits on disk (DurableCommits): never of a status a power failure could take back.
            await DurableCommits.FlushBeforeAsync(read, due, ct);
        }

        var delivered = 0;
        foreach (var item in due)
        {
            StatusUpdateAck? ack = null;
            string? error = null;
            var failed = false;
            try
            {
                ack = await gateway.SendStatusUpdateAsync(ReturnsJson.Deserialize<CertificateStatusUpdate>(item.Data), ct);
            }
            catch (CustomsRejectedException ex)
            {
                error = ex.Message;
                failed = true;
            }
            catch (Exception ex) when (ex is CustomsUnavailableException or InvalidOperationException or HttpRequestException)
            {
                error = ex.Message;
            }

            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.Set<CertificateStatusUpdateRecord>().FirstAsync(u => u.Id == item.Id, ct);
            if (row.Status != StatusUpdateDelivery.Pending)
                continue;
            row.Attempts++;
            if (ack is not null)
            {
                row.Status = StatusUpdateDelivery.Delivered;
                row.DeliveredAt = clock.GetUtcNow();
                row.Ack = ReturnsJson.Serialize(ack);
                row.LastError = ack.Accepted ? null : ack.Code;
                delivered++;
            }
            else
            {
                row.Status = failed ? StatusUpdateDelivery.Failed : StatusUpdateDelivery.Pending;
                row.LastError = error is { Length: > 1000 } ? error[..1000] : error;
                row.NextAttemptAt = clock.GetUtcNow() + Backoff(row.Attempts);
            }
            await db.SaveChangesAsync(ct);
        }
        return delivered;
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<CertificateStatusUpdateRecord>().Where(u => u.Status == StatusUpdateDelivery.Pending)
            .OrderBy(u => u.NextAttemptAt).Select(u => (DateTimeOffset?)u.NextAttemptAt).FirstOrDefaultAsync(ct);
    }

    // V-30's doubling, capped at its last step: a status update is retried for as long as it takes.
    private TimeSpan Backoff(int attempts) => Certificates.CertificateTransmission.Backoff(Math.Min(attempts, options.MaxTransmissionRetries), options);
}
