namespace ExportTaxCheck.Returns.Case;

/// <summary>One entry of a case's timeline: what happened, to which status, with which codes; <see cref="Notification"/> names the e-mail template it triggers.</summary>
public sealed record CaseEvent
{
    public required DateTimeOffset At { get; init; }
    public required string Kind { get; init; }
    public required string Message { get; init; }
    public ReturnCaseStatus? Status { get; init; }
    public IReadOnlyList<string> Codes { get; init; } = [];
    public string? Actor { get; init; }
    public string? Notification { get; init; }
}
