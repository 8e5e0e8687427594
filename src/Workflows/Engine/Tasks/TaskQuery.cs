namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// What an inbox lists: the view, then filters that all must hold. <see cref="DueFrom"/> is inclusive and
/// <see cref="DueBefore"/> exclusive (a "to" date is the midnight after it, Asia/Shanghai); priorities are inclusive bounds.
/// </summary>
public sealed record TaskQuery(
    TaskInbox View = TaskInbox.Available,
    string? CorrelationId = null,
    string? ActivityType = null,
    string? CandidateRole = null,
    string? Assignee = null,
    string? Search = null,
    bool? Escalated = null,
    string Sort = "due",
    int Page = 1,
    int PageSize = 20,
    DateTimeOffset? DueFrom = null,
    DateTimeOffset? DueBefore = null,
    int? PriorityMin = null,
    int? PriorityMax = null)
{
    /// <summary>The sort orders a query takes.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["due", "created", "priority", "case", "completed"];
}
