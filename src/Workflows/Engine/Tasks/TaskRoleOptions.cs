namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// The roles human tasks are offered to and escalate to (<c>Tasks</c> section). They are the deployment's words, not the
/// engine's: Studio offers them in the task's role dropdowns.
/// </summary>
public sealed class TaskRoleOptions
{
    public const string Section = "Tasks";

    /// <summary>The <see cref="InputAttribute.ChoicesFrom"/> name of the candidate-role choices.</summary>
    public const string CandidateRoles = "Tasks.CandidateRoles";

    /// <summary>The <see cref="InputAttribute.ChoicesFrom"/> name of the escalation-role choices.</summary>
    public const string EscalationRoles = "Tasks.EscalationRoles";

    /// <summary>The roles a task may be offered to; the first is the one a task gets when its definition names none.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The role an overdue task escalates to when its definition names none.</summary>
    public string EscalationRole { get; set; } = TaskActor.Supervisor;

    /// <summary>The role of a task whose definition names none: the first configured one, else only supervisors (who see every task).</summary>
    public string DefaultRole => Roles.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r)) ?? TaskActor.Supervisor;

    /// <summary>Where an overdue task goes when its definition names no role.</summary>
    public string DefaultEscalationRole => string.IsNullOrWhiteSpace(EscalationRole) ? TaskActor.Supervisor : EscalationRole;

    /// <summary>The dropdowns of the task inputs: candidates as configured, escalation with its default first.</summary>
    public IReadOnlyDictionary<string, InputChoices> Choices()
    {
        var roles = Roles.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal).ToList();
        var escalation = DefaultEscalationRole;
        return new Dictionary<string, InputChoices>(StringComparer.Ordinal)
        {
            [CandidateRoles] = new(roles, roles.FirstOrDefault()),
            [EscalationRoles] = new(roles.Count == 0 ? [] : [escalation, .. roles.Where(r => r != escalation)], escalation),
        };
    }
}
