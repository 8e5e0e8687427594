namespace ExportTaxCheck.Host.Api.WorkflowInstances;

public sealed record CancelInstanceResponse(string Id, string Status, string SubStatus);
