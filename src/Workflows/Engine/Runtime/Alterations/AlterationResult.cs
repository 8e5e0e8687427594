namespace ExportTaxCheck.Engine.Runtime.Alterations;

/// <summary>What the alterations did to one instance (Elsa's RunAlterationsResult).</summary>
public sealed record AlterationResult(string WorkflowInstanceId, AlterationLog Log, bool WorkflowHasScheduledWork)
{
    /// <summary>Every alteration applied (no error in the log).</summary>
    public bool IsSuccessful => Log.LogEntries.Count > 0 && Log.LogEntries.All(e => e.LogLevel != "Error");
}
