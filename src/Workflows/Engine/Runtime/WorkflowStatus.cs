namespace ExportTaxCheck.Engine.Runtime;

/// <summary>Where an instance is. Elsa's API shows it as status (Running/Finished) plus sub-status.</summary>
public enum WorkflowStatus
{
    /// <summary>Work is scheduled and not yet run (dispatched, or left by a crash).</summary>
    Running,

    /// <summary>Every branch waits on a bookmark.</summary>
    Suspended,
    Finished,
    Faulted,
    Cancelled,
}
