using ExportTaxCheck.Engine.Telemetry;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Telemetry;

/// <summary>Refreshes the engine's gauges from the database on a fixed real-time schedule.</summary>
public sealed class GaugeSampler(EngineGauges gauges, IOptions<TelemetryOptions> options, ILogger<GaugeSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval);
        try
        {
            do
            {
                try
                {
                    await gauges.SampleAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not sample the gauges; keeping the last values");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
