namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>Elsa's bulk-delete answer: how many instances were deleted.</summary>
public sealed record BulkDeleteInstancesResponse(int Deleted);
