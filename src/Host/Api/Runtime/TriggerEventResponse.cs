namespace ExportTaxCheck.Host.Api.Runtime;

/// <summary>The instances an event resumed and the ones it started.</summary>
public sealed record TriggerEventResponse(IReadOnlyList<WorkflowRunResponse> Resumed, IReadOnlyList<WorkflowRunResponse> Started, bool Replayed);
