using ExportTaxCheck.Returns.CustomsGateway;

namespace ExportTaxCheck.Host.Workers;

/// <summary>X-09: delivers queued certificate status updates to customs after the refund that caused them committed; failed sends wait their backoff.</summary>
public sealed class StatusUpdateWorker(StatusUpdateDispatcher dispatcher, IHostApplicationLifetime lifetime, ILogger<StatusUpdateWorker> logger)
    : PollingWorker(lifetime, logger, "Certificate status update delivery", StatusUpdateDispatcher.Batch)
{
    protected override Task<int> SweepAsync(CancellationToken ct) => dispatcher.DeliverDueAsync(ct);
}
