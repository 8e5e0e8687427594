using ExportTaxCheck.Host.Api.WorkflowInstances;

namespace ExportTaxCheck.Host.Api.WorkflowDefinitions;

/// <summary>The new instance's state once it waits or ends.</summary>
public sealed record ExecuteWorkflowResponse(WorkflowStateModel WorkflowState);
