using ExportTaxCheck.Engine.Notifications;

namespace ExportTaxCheck.Host.Workers;

/// <summary>Sends the outbox's e-mail after the steps that wrote it committed; failed sends wait their backoff.</summary>
public sealed class MailWorker(MailDispatcher dispatcher, ILogger<MailWorker> logger) : PollingWorker(logger, "Mail dispatch")
{
    protected override Task SweepAsync(CancellationToken ct) => dispatcher.DispatchDueAsync(ct);
}
