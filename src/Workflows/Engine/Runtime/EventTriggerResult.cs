namespace ExportTaxCheck.Engine.Runtime;

public sealed record EventTriggerResult(IReadOnlyList<WorkflowRunResult> Resumed, IReadOnlyList<WorkflowRunResult> Started)
{
    public bool Replayed { get; init; }
}
