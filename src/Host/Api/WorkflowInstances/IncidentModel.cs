namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>A fault an instance recorded, as Elsa shows incidents.</summary>
public sealed record IncidentModel(
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    string Message,
    IncidentExceptionModel Exception,
    DateTimeOffset Timestamp,
    string? Code,
    int Attempts)
{
    public static IncidentModel From(Incident incident) => new(
        incident.ActivityId,
        incident.NodeId ?? incident.ActivityId,
        incident.ActivityType,
        incident.Message,
        new IncidentExceptionModel(incident.ExceptionType, incident.Message, incident.StackTrace),
        incident.Timestamp,
        incident.Code,
        incident.Attempts);
}
