namespace ExportTaxCheck.Engine.Tasks;

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
    int PageSize = 20);
