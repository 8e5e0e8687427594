namespace ExportTaxCheck.Host.Api.WorkflowDefinitions;

/// <summary>The id of the instance a dispatch started in the background.</summary>
public sealed record DispatchWorkflowResponse(string WorkflowInstanceId);
