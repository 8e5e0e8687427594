using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Host.Infrastructure;
using ExportTaxCheck.Returns.CustomsGateway;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Workers;

/// <summary>
/// Runs instances that have work scheduled: dispatched starts, and at start-up the ones a crash left Running.
/// </summary>
public sealed class DispatchWorker(RuntimeSweeps sweeps, WorkSignals signals, TimeProvider clock, IOptions<WorkerOptions> options, ILogger<DispatchWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
            await sweeps.ContinueAsync(instanceId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Running dispatched instance {InstanceId} failed", instanceId);
        }
    }
}

/// <summary>Fires due timers (Delay, Timer, Cron, retry back-offs, task deadlines), schedule triggers, and task reminders and escalations.</summary>
public sealed class TimerWorker(RuntimeSweeps sweeps, TaskTimers taskTimers, WorkSignals signals, TimeProvider clock, IOptions<WorkerOptions> options, ILogger<TimerWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweeps.FireDueTimersAsync(stoppingToken);
                await taskTimers.FireDueAsync(stoppingToken);
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

/// <summary>Delivers events that workflow steps published (PublishEvent), after their commit.</summary>
public sealed class EventDeliveryWorker(RuntimeSweeps sweeps, WorkSignals signals, IOptions<WorkerOptions> options, ILogger<EventDeliveryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await sweeps.DeliverPendingEventsAsync(stoppingToken) == 0)
                    await signals.WaitForEventAsync(options.Value.EventPollInterval, stoppingToken);
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

/// <summary>
/// Runs a sweep every 250 ms (a sweep that finds nothing is cheap); a failed sweep is logged and tried again after a
/// second. The sweeps claim their rows in the database, so several workers and nodes never act twice on one row.
/// </summary>
public abstract class PollingWorker(ILogger logger, string what) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    protected abstract Task SweepAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
                await Task.Delay(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{What} failed; retrying", what);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

/// <summary>Delivers queued usage feedback to tax after the release committed; failed sends wait their backoff.</summary>
public sealed class UsageFeedbackWorker(UsageFeedbackDispatcher dispatcher, ILogger<UsageFeedbackWorker> logger)
    : PollingWorker(logger, "Usage feedback delivery")
{
    protected override Task SweepAsync(CancellationToken ct) => dispatcher.DeliverDueAsync(ct);
}

/// <summary>Sends the outbox's e-mail after the steps that wrote it committed; failed sends wait their backoff.</summary>
public sealed class MailWorker(MailDispatcher dispatcher, ILogger<MailWorker> logger) : PollingWorker(logger, "Mail dispatch")
{
    protected override Task SweepAsync(CancellationToken ct) => dispatcher.DispatchDueAsync(ct);
}
