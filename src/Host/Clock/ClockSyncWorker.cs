using ExportTaxCheck.Engine.Clock;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Clock;

/// <summary>Reads the simulated clock's offset that any node may have moved, so every node shows the same time.</summary>
public sealed class ClockSyncWorker(ClockOffsetStore store, IOptions<ClockOptions> options, ILogger<ClockSyncWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time on purpose: the interval must not stretch or shrink when the simulated clock moves.
        using var timer = new PeriodicTimer(options.Value.SyncInterval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await store.LoadAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not read the simulated clock's offset; keeping the last one");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
