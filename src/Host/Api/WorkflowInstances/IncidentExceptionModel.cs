namespace ExportTaxCheck.Host.Api.WorkflowInstances;

public sealed record IncidentExceptionModel(string? Type, string Message, string? StackTrace);
