namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>One instance as Elsa's instance viewer reads it: the summary's fields and the workflow state.</summary>
public sealed record WorkflowInstanceModel : WorkflowInstanceSummaryModel
{
    private WorkflowInstanceModel(WorkflowInstanceSummaryModel summary, WorkflowStateModel workflowState)
        : base(summary) => WorkflowState = workflowState;

    public WorkflowStateModel WorkflowState { get; }

    public static WorkflowInstanceModel From(InstanceDetail detail) =>
        new(WorkflowInstanceSummaryModel.From(detail.Summary), WorkflowStateModel.From(detail));
}
