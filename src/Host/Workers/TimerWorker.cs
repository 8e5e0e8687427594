using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Host.Infrastructure;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Workers;

/// <summary>Fires due timers (Delay, Timer, Cron, retry back-offs, task deadlines), schedule triggers, and task reminders and escalations.</summary>
public sealed class TimerWorker(RuntimeSweeps sweeps, TaskTimers taskTimers, WorkSignals signals, DurableCommits commits, TimeProvider clock, IOptions<WorkerOptions> options,
    IHostApplicationLifetime lifetime, ILogger<TimerWorker> logger)
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
                var fired = await sweeps.FireDueTimersAsync(stoppingToken) + await taskTimers.FireDueAsync(stoppingToken);
                // The steps and reminders committed are on disk before the sweep goes on (DurableCommits).
                if (fired > 0)
                    await commits.FlushAsync(stoppingToken);
                var next = Earliest(await sweeps.NextDueAsync(stoppingToken), await taskTimers.NextDueAsync(stoppingToken));
                var wait = options.Value.TimerPollInterval;
                if (next is { } due)
                {
                    var untilDue = due - clock.GetUtcNow();
                    if (untilDue < wait)
                        wait = untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue;
                }

                if (wait > TimeSpan.Zero)
                    await WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Timer sweep failed; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>Sleeps on the injected clock until the next due time or a newly armed timer, whichever is first.</summary>
    private async Task WaitAsync(TimeSpan wait, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(wait, clock, linked.Token);
        var signal = signals.WaitForTimerAsync(Timeout.InfiniteTimeSpan, linked.Token);
        await Task.WhenAny(delay, signal);
        await linked.CancelAsync();
        await Task.WhenAll(delay, signal).ContinueWith(_ => { }, TaskScheduler.Default);
        ct.ThrowIfCancellationRequested();
    }
}
