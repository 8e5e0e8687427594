using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Returns.Case;

public sealed record TaskView(string Id, string Title, string? ActivityType, string CandidateRole, HumanTaskStatus Status, string? Assignee, IReadOnlyList<string> Outcomes,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, string? Outcome, DateTimeOffset? CompletedAt);
