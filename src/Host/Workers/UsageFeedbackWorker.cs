using ExportTaxCheck.Returns.CustomsGateway;

namespace ExportTaxCheck.Host.Workers;

/// <summary>Delivers queued usage feedback to tax after the release committed; failed sends wait their backoff.</summary>
public sealed class UsageFeedbackWorker(UsageFeedbackDispatcher dispatcher, IHostApplicationLifetime lifetime, ILogger<UsageFeedbackWorker> logger)
    : PollingWorker(lifetime, logger, "Usage feedback delivery", UsageFeedbackDispatcher.Batch)
{
    protected override Task<int> SweepAsync(CancellationToken ct) => dispatcher.DeliverDueAsync(ct);
}
