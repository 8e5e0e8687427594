using System.Threading.Channels;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Wakes the background workers after a commit: an instance became runnable, a timer was armed, an event was queued.
/// Workers also poll, so a lost signal only delays work, never loses it.
/// </summary>
public sealed class WorkSignals
{
    private readonly Channel<string> _runnable = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private readonly SemaphoreSlim _timers = new(0);
    private readonly SemaphoreSlim _events = new(0);

    public ChannelReader<string> RunnableInstances => _runnable.Reader;

    public void InstanceRunnable(string instanceId) => _runnable.Writer.TryWrite(instanceId);

    public void TimerArmed() => ReleaseOnce(_timers);

    public void EventQueued() => ReleaseOnce(_events);

    public Task<bool> WaitForTimerAsync(TimeSpan timeout, CancellationToken ct) => _timers.WaitAsync(timeout, ct);

    public Task<bool> WaitForEventAsync(TimeSpan timeout, CancellationToken ct) => _events.WaitAsync(timeout, ct);

    private static void ReleaseOnce(SemaphoreSlim semaphore)
    {
        if (semaphore.CurrentCount == 0)
            semaphore.Release();
    }
}
