namespace ExportTaxCheck.Host.Api.WorkflowDefinitions;

/// <summary>What a bulk retract did with each definition id.</summary>
public sealed record BulkRetractResponse(IReadOnlyList<string> Retracted, IReadOnlyList<string> AlreadyRetracted, IReadOnlyList<string> NotFound);
