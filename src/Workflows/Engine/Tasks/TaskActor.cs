namespace ExportTaxCheck.Engine.Tasks;

/// <summary>Who acts on a task: the signed-in officer (or API key) and the roles they hold.</summary>
public sealed record TaskActor(string UserName, IReadOnlySet<string> Roles)
{
    public const string Supervisor = "Supervisor";
    public const string Analyst = "Analyst";

    public static TaskActor Of(string userName, params string[] roles) => new(userName, roles.ToHashSet(StringComparer.Ordinal));

    public bool IsSupervisor => Roles.Contains(Supervisor);

    /// <summary>Supervisors see every task; analysts read them to follow the flows they design.</summary>
    public bool SeesAll => IsSupervisor || Roles.Contains(Analyst);

    /// <summary>May claim and complete the task: a candidate by role or by name, or the escalation role once it escalated.</summary>
    public bool CanTake(HumanTaskRecord task) =>
        Roles.Contains(task.CandidateRole)
        || task.CandidateUserList().Contains(UserName, StringComparer.Ordinal)
        || task is { EscalatedAt: not null, EscalateTo: { } to } && Roles.Contains(to)
        || IsSupervisor;

    public bool CanSee(HumanTaskRecord task) => SeesAll || CanTake(task) || task.Assignee == UserName || task.CompletedBy == UserName;
}
