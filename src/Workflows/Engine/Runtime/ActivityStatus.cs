namespace ExportTaxCheck.Engine.Runtime;

public enum ActivityStatus
{
    Scheduled,
    Running,
    Suspended,
    Completed,
    Faulted,
    Cancelled,
}
