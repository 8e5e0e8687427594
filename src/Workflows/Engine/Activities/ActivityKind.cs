namespace ExportTaxCheck.Engine.Activities;

/// <summary>How Studio draws and the runtime treats an activity.</summary>
public enum ActivityKind
{
    Action,
    Trigger,
    Job,
    Task,
}
