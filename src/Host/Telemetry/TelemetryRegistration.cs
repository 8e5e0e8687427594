using ExportTaxCheck.Engine.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ExportTaxCheck.Host.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// OpenTelemetry: the engine's metrics, the runtime's and ASP.NET Core's, exported in Prometheus text at
    /// <c>/metrics</c>; when <c>Telemetry:OtlpEndpoint</c> is set, over OTLP as well, with a trace per HTTP request and a
    /// span per workflow step and per activity that ran in it.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOptions<TelemetryOptions>().Bind(section)
            .Validate(o => o.SampleInterval > TimeSpan.Zero, "Telemetry:SampleInterval must be positive.")
            .Validate(o => o.OtlpEndpoint is null || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _), "Telemetry:OtlpEndpoint must be an absolute URI.")
            .ValidateOnStart();
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ExportTaxCheck", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId));
        // Spans are made only when they have somewhere to go: recorded and dropped, they cost every request and step.
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(EngineTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase))
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }
        telemetry.WithMetrics(metrics =>
            {
                // System.Runtime: the runtime's own meter (GC, JIT, thread pool, CPU time, exceptions).
                metrics.AddMeter(EngineTelemetry.Name, "System.Runtime")
                    .AddAspNetCoreInstrumentation()
                    .AddView("workflow.step.duration", new ExplicitBucketHistogramConfiguration { Boundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000] })
                    .AddView("workflow.timer.lag", new ExplicitBucketHistogramConfiguration { Boundaries = [10, 100, 1000, 5000, 15000, 60000, 300000] })
                    .AddView("workflow.commit.batch_size", new ExplicitBucketHistogramConfiguration { Boundaries = [1, 2, 4, 8, 16, 32, 64] })
                    // Every scrape reads the figures as they are now: the exporter's 300 ms answer cache would show a
                    // scrape made right after a step the figures from before it (Prometheus scrapes every few seconds anyway).
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null)
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            });
        builder.Services.AddHostedService<GaugeSampler>();
        return builder;
    }
}
