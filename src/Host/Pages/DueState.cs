namespace ExportTaxCheck.Host.Pages;

/// <summary>How near a task's due time is, as the pages mark it (colour and words).</summary>
public enum DueState
{
    /// <summary>No due time, or the task is done, cancelled or held.</summary>
    None,
    Far,

    /// <summary>Due within the <see cref="WorkspaceOptions.DueSoon"/> window.</summary>
    Near,
    Past,
}
