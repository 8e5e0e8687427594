namespace ExportTaxCheck.Engine.Activities;

/// <summary>A child a composite scheduled has completed: which one, with what tag, taking which ports.</summary>
public sealed record CompletedChild(ActivityExecution Execution, Activity Activity, IReadOnlyList<string> Outcomes)
{
    public string? Tag => Execution.Tag;
}
