using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// A human step of a workflow: written in the same transaction as the step that creates it, closed in the step that
/// completes or cancels it.
/// </summary>
public sealed class HumanTaskRecord
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityExecutionId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }

    /// <summary>The business key the task belongs to: the instance's correlation id.</summary>
    public string? CorrelationId { get; set; }

    public required string CandidateRole { get; set; }

    /// <summary>JSON array of user names who may take the task besides the role.</summary>
    public string? CandidateUsers { get; set; }

    public string? Assignee { get; set; }
    public HumanTaskStatus Status { get; set; }
    public int Priority { get; set; } = 50;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? FollowUpAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>When the reminder is due (the due date less the task's <c>remindBefore</c>); null for none.</summary>
    public DateTimeOffset? RemindAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }

    /// <summary>When the overdue task goes to <see cref="EscalateTo"/> (the due date plus <c>escalateAfter</c>); null for never.</summary>
    public DateTimeOffset? EscalateAt { get; set; }
    public string? EscalateTo { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>JSON array of the outcomes (the activity's ports) an officer may choose.</summary>
    public required string Outcomes { get; set; }

    /// <summary>JSON array of form fields: <c>{ name, label, type, required, options }</c>.</summary>
    public string? Form { get; set; }

    /// <summary>The activity type that created the task (<c>ExportTaxCheck.HumanTask</c> or a module's own task).</summary>
    public string? ActivityType { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? Outcome { get; set; }

    /// <summary>JSON of what the officer submitted with the outcome.</summary>
    public string? Result { get; set; }

    public string? Comment { get; set; }

    /// <summary>Bumped on every change; two officers acting at once cannot both win.</summary>
    public long Revision { get; set; }

    /// <summary>Set while the task's instance is held: the task cannot be completed, is not overdue and its timers wait.</summary>
    public DateTimeOffset? HeldAt { get; set; }

    public bool IsActive => Status is HumanTaskStatus.Open or HumanTaskStatus.Claimed;

    public IReadOnlyList<string> CandidateUserList() =>
        CandidateUsers is null ? [] : JsonNode.Parse(CandidateUsers) is JsonArray array ? array.Select(u => u?.GetValue<string>() ?? "").Where(u => u.Length > 0).ToList() : [];

    public IReadOnlyList<string> OutcomeList() => OutcomeList(Outcomes);

    /// <summary>The outcomes as the <c>Outcomes</c> column stores them (a JSON array of names).</summary>
    public static IReadOnlyList<string> OutcomeList(string outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        // A flow's tasks offer a handful of outcome sets, read with every task list and case view: each parsed once.
        if (ParsedOutcomes.TryGetValue(outcomes, out var known))
            return known;
        IReadOnlyList<string> list = JsonNode.Parse(outcomes) is JsonArray array ? array.Select(o => o?.GetValue<string>() ?? "").ToList().AsReadOnly() : [];
        if (ParsedOutcomes.Count < MaxParsedOutcomes)
            ParsedOutcomes.TryAdd(outcomes, list);
        return list;
    }

    private const int MaxParsedOutcomes = 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> ParsedOutcomes = new(StringComparer.Ordinal);
}
