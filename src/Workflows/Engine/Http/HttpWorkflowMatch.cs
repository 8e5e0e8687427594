namespace ExportTaxCheck.Engine.Http;

/// <summary>
/// What a request's path and method matched: the published trigger that starts a workflow, or the bookmark that resumes
/// one, with the access its HttpEndpoint asks for (Authorize, Policy) for the Host to check first.
/// </summary>
public sealed record HttpWorkflowMatch(HttpWorkflowOutcomeKind Kind, TriggerRecord? Trigger, BookmarkRecord? Bookmark, bool Authorize, string? Policy,
    IReadOnlyList<string>? Ambiguous = null);
