using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// The status updates to customs recorded as failed (a NACK ends their retries), and their retry by an officer: the
/// update is queued again and sent at once with its own message id, so customs applies it once however often it is
/// retried; a second retry of the same update finds it no longer failed and does nothing.
/// </summary>
public sealed class FailedTransmissions(IDbContextFactory<WorkflowDbContext> dbFactory, StatusUpdateDispatcher dispatcher, TimeProvider clock)
{
    public async Task<IReadOnlyList<FailedTransmission>> ListAsync(int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<CertificateStatusUpdateRecord>().AsNoTracking().Where(u => u.Status == StatusUpdateDelivery.Failed).ToListAsync(ct);
        return rows.OrderByDescending(u => u.NextAttemptAt).ThenBy(u => u.Id, StringComparer.Ordinal).Take(take)
            .Select(u => new FailedTransmission(u.Id, u.CaseId, u.CertificateNo, u.Kind, u.Attempts, u.LastError, u.CreatedAt, u.NextAttemptAt))
            .ToList();
    }

    public async Task<TransmissionRetryResult> RetryAsync(string id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // Only the retry that moves it out of Failed sends it; a second click (or a second officer) finds it moved.
            var moved = await db.Set<CertificateStatusUpdateRecord>().Where(u => u.Id == id && u.Status == StatusUpdateDelivery.Failed)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, StatusUpdateDelivery.Pending).SetProperty(r => r.NextAttemptAt, now), ct);
            if (moved == 0)
                return await db.Set<CertificateStatusUpdateRecord>().AnyAsync(u => u.Id == id, ct) ? TransmissionRetryResult.NothingToRetry : TransmissionRetryResult.NotFound;
        }
        await dispatcher.DeliverDueAsync(ct);
        await using var read = await dbFactory.CreateDbContextAsync(ct);
        return await read.Set<CertificateStatusUpdateRecord>().AsNoTracking().Where(u => u.Id == id).Select(u => u.Status).FirstAsync(ct) switch
        {
            StatusUpdateDelivery.Delivered => TransmissionRetryResult.Delivered,
            StatusUpdateDelivery.Failed => TransmissionRetryResult.StillFailing,
            _ => TransmissionRetryResult.Queued,
        };
    }
}
