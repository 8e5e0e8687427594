namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>Elsa's bulk-cancel answer: how many instances were cancelled (ended ones are left as they are).</summary>
public sealed record BulkCancelResponse(int Cancelled);
