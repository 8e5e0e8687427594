namespace ExportTaxCheck.Engine.Tasks;

/// <summary>The inbox views: claimed by me, open to my roles, past due, done.</summary>
public enum TaskInbox
{
    Mine,
    Available,
    Overdue,
    Completed,

    /// <summary>Every open or claimed task the actor may see (supervisors: all).</summary>
    Active,

    /// <summary>Tasks claimed by someone else: a supervisor's view of the team's work.</summary>
    Team,
}
