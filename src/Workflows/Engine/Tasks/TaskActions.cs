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
    public const string Reminded = "Reminded";
    public const string Escalated = "Escalated";
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";
    public const string System = "system";
}
