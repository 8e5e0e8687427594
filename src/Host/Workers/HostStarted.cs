namespace ExportTaxCheck.Host.Workers;

/// <summary>
/// Workers begin once the Host has started: hosted services start before the server listens, and a step or a push
/// that calls this Host's own customs end before then would fail and spend a try (and wait its backoff) for nothing.
/// </summary>
public static class HostStarted
{
    /// <summary>True once the Host has started; false when it stops first.</summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(ct);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
