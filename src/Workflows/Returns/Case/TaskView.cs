using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Returns.Case;

/// <summary>A task of the case; <see cref="Held"/>: the case is on hold, the task waits and is not overdue (E-21).</summary>
public sealed record TaskView(string Id, string Title, string? ActivityType, string CandidateRole, HumanTaskStatus Status, string? Assignee, IReadOnlyList<string> Outcomes,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, string? Outcome, DateTimeOffset? CompletedAt, bool Held = false);
