namespace ExportTaxCheck.Engine.Problems;

/// <summary>
/// A request the service refuses, carrying what the caller needs to fix it. The Host turns these into
/// ProblemDetails with <see cref="Status"/>; anything else that escapes is a bug.
/// </summary>
public abstract class ProblemException(int status, string title, string code, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;

    /// <summary>A stable machine-readable code (for example <c>BOOKMARK_SPENT</c> or a domain reason code).</summary>
    public string Code { get; } = code;

    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}
