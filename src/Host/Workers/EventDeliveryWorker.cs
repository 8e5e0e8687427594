using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Host.Infrastructure;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Workers;

/// <summary>Delivers events that workflow steps published (PublishEvent), after their commit.</summary>
public sealed class EventDeliveryWorker(RuntimeSweeps sweeps, WorkSignals signals, DurableCommits commits, IOptions<WorkerOptions> options, IHostApplicationLifetime lifetime,
    ILogger<EventDeliveryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken))
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await sweeps.DeliverPendingEventsAsync(stoppingToken) == 0)
                    await signals.WaitForEventAsync(options.Value.EventPollInterval, stoppingToken);
                else
                    await commits.FlushAsync(stoppingToken); // the steps the events resumed are on disk (DurableCommits)
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Event delivery failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
