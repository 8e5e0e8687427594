namespace ExportTaxCheck.Engine.Tasks;

/// <summary>A task as lists show it; <see cref="Held"/>: its instance is held (it waits, and is never overdue meanwhile).</summary>
public sealed record TaskItem(
    string Id, string Title, string? CorrelationId, string? ActivityType, string CandidateRole, IReadOnlyList<string> CandidateUsers, string? Assignee,
    HumanTaskStatus Status, int Priority, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? FollowUpAt, bool Overdue,
    DateTimeOffset? RemindedAt, string? EscalatedTo, DateTimeOffset? EscalatedAt, IReadOnlyList<string> Outcomes,
    string? Outcome, string? CompletedBy, DateTimeOffset? CompletedAt, bool Held = false);
