namespace ExportTaxCheck.Host.Workers;

/// <summary>
/// Runs a sweep every 250 ms (a sweep that finds nothing is cheap), and the next one at once after a sweep that handled a
/// full batch (<paramref name="batch"/>): a backlog is worked off as fast as it can be, not a batch per poll. A failed sweep
/// is logged and tried again after a second. Sweeping begins once the Host has started (<see cref="HostStarted"/>). The sweeps claim their rows in the database, so several workers and nodes never act twice on one row.
/// </summary>
public abstract class PollingWorker(IHostApplicationLifetime lifetime, ILogger logger, string what, int batch) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Handles what is due now; returns how many items it handled.</summary>
    protected abstract Task<int> SweepAsync(CancellationToken ct);

    /// <summary>The wait between sweeps that did not fill a batch.</summary>
    protected virtual Task PauseAsync(CancellationToken ct) => Task.Delay(Poll, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken))
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await SweepAsync(stoppingToken) < batch)
                    await PauseAsync(stoppingToken);
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
