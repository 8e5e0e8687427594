namespace ExportTaxCheck.Host.Telemetry;

/// <summary><c>Telemetry</c>: Prometheus at <c>/metrics</c> always; OTLP (traces and metrics) when an endpoint is set.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OTLP collector, e.g. <c>http://127.0.0.1:4317</c>; none by default.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often the gauges (open tasks, outbox backlog, incidents) are read from the database.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
