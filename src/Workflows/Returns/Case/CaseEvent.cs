namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// One entry of a case's timeline: what happened, to which status, with which codes; <see cref="Notification"/> names the
/// e-mail template it triggers. <see cref="Text"/> and <see cref="Args"/> keep the sentence as data (read in each
/// language through <see cref="CaseText"/>); <see cref="Message"/> is its English wording, and the only wording of
/// events recorded before sentences were kept as data or written by a person (an officer's comment).
/// </summary>
public sealed record CaseEvent
{
    public required DateTimeOffset At { get; init; }
    public required string Kind { get; init; }
    public required string Message { get; init; }
    public ReturnCaseStatus? Status { get; init; }
    public IReadOnlyList<string> Codes { get; init; } = [];
    public string? Actor { get; init; }
    public string? Notification { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The sentence in <paramref name="culture"/>, or null when the event has only its recorded message.</summary>
    public string? TextIn(System.Globalization.CultureInfo culture) => Text is null ? null : new CaseText(Text, Args).In(culture);
}
