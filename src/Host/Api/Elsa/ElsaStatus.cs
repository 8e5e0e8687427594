namespace ExportTaxCheck.Host.Api.Elsa;

/// <summary>Elsa shows status Running/Finished and a sub-status; ours is one enum.</summary>
public static class ElsaStatus
{
    public static (string Status, string SubStatus) Of(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => ("Running", "Executing"),
        WorkflowStatus.Suspended => ("Running", "Suspended"),
        WorkflowStatus.Finished => ("Finished", "Finished"),
        WorkflowStatus.Faulted => ("Finished", "Faulted"),
        _ => ("Finished", "Cancelled"),
    };
}
