namespace ExportTaxCheck.Engine.Tasks;

/// <summary>The actions of a task's audit trail.</summary>
public static class TaskActions
{
    public const string Created = "Created";
    public const string Claimed = "Claimed";
    public const string Released = "Released";
    public const string Assigned = "Assigned";
    public const string Delegated = "Delegated";
    public const string Commented = "Commented";
    public const string FollowUpSet = "FollowUpSet";

    /// <summary>A supervisor moved the due date; the reminder and escalation still to come moved with it.</summary>
    public const string DueChanged = "DueChanged";
    public const string Reminded = "Reminded";
    public const string Escalated = "Escalated";
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";

    /// <summary>The task's instance was held: the task waits, its timers stop (<see cref="Runtime.InstanceHolds"/>).</summary>
    public const string Held = "Held";

    /// <summary>The instance was let go: the task's due date and timers moved on by the held span.</summary>
    public const string Resumed = "Resumed";
    public const string System = "system";
}
