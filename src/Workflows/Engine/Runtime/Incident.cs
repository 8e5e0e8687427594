using System.Text.Json.Serialization;

namespace ExportTaxCheck.Engine.Runtime;

public sealed record Incident
{
    public required string ActivityId { get; init; }
    public required string ActivityType { get; init; }
    public required string Message { get; init; }
    public string? Code { get; init; }
    public string? ExceptionType { get; init; }
    public string? StackTrace { get; init; }
    public int Attempts { get; init; }
    public required DateTimeOffset Timestamp { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ActivityExecutionId { get; init; }

    /// <summary>Elsa's node id of the activity, by which Studio shows the incident on the diagram.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NodeId { get; init; }

    /// <summary>When an alteration retried the activity (the incident is resolved then, as Elsa keeps it in the list).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ResolvedAt { get; set; }
}
