using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Host.Infrastructure;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Workers;

/// <summary>
/// Runs instances that have work scheduled: dispatched starts, and at start-up the ones a crash left Running.
/// </summary>
public sealed class DispatchWorker(RuntimeSweeps sweeps, WorkSignals signals, DurableCommits commits, TimeProvider clock, IOptions<WorkerOptions> options,
    IHostApplicationLifetime lifetime, ILogger<DispatchWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken))
            return;
        var workers = Enumerable.Range(0, Math.Max(1, options.Value.DispatchConcurrency)).Select(_ => DrainAsync(stoppingToken)).ToList();
        workers.Add(RecoverAsync(stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var instanceId in signals.RunnableInstances.ReadAllAsync(ct))
                await RunAsync(instanceId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>At start-up and then now and again: instances left Running get their scheduled work run.</summary>
    private async Task RecoverAsync(CancellationToken ct)
    {
        try
        {
            var first = true;
            while (!ct.IsCancellationRequested)
            {
                var runnable = await sweeps.ClaimRunnableAsync(500, ct);
                if (first && runnable.Count > 0)
                    logger.LogInformation("Recovering {Count} instance(s) left running", runnable.Count);
                first = false;
                foreach (var id in runnable)
                    signals.InstanceRunnable(id);
                await Task.Delay(options.Value.RecoveryPollInterval, clock, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(string instanceId, CancellationToken ct)
    {
        try
        {
            // The step is on disk before the worker takes the next instance (DurableCommits).
            if (await sweeps.ContinueAsync(instanceId, ct) is not null)
                await commits.FlushAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Running dispatched instance {InstanceId} failed", instanceId);
        }
    }
}
