namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>Where an instance stands (Elsa's execution-state answer), for Studio to poll cheaply.</summary>
public sealed record ExecutionStateResponse(string Status, string WorkflowSubStatus, DateTimeOffset UpdatedAt);
