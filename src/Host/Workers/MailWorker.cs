using ExportTaxCheck.Engine.Notifications;

namespace ExportTaxCheck.Host.Workers;

/// <summary>Sends the outbox's e-mail after the steps that wrote it committed; failed sends wait their backoff.</summary>
public sealed class MailWorker(MailDispatcher dispatcher, IHostApplicationLifetime lifetime, ILogger<MailWorker> logger) : PollingWorker(lifetime, logger, "Mail dispatch", MailDispatcher.Batch)
{
    protected override Task<int> SweepAsync(CancellationToken ct) => dispatcher.DispatchDueAsync(ct);
}
