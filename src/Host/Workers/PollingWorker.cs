namespace ExportTaxCheck.Host.Workers;

/// <summary>
/// Runs a sweep every 250 ms (a sweep that finds nothing is cheap); a failed sweep is logged and tried again after a
/// second. Sweeping begins once the Host has started (<see cref="HostStarted"/>). The sweeps claim their rows in the database, so several workers and nodes never act twice on one row.
/// </summary>
public abstract class PollingWorker(IHostApplicationLifetime lifetime, ILogger logger, string what) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    protected abstract Task SweepAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken))
            return;
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
