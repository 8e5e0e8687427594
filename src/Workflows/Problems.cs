namespace ExportTaxCheck.Workflows;

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

public sealed class NotFoundException(string detail, string code = "NOT_FOUND") : ProblemException(404, "Not found", code, detail);

public sealed class ForbiddenException(string code, string detail) : ProblemException(403, "Forbidden", code, detail);

public sealed class ConflictException(string code, string detail) : ProblemException(409, "Conflict", code, detail);

public sealed class InvalidRequestException : ProblemException
{
    public InvalidRequestException(string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(400, "Invalid request", code, detail)
    {
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

public sealed class IdempotencyKeyReusedException(string key)
    : ProblemException(422, "Idempotency key reused", "IDEMPOTENCY_KEY_REUSED",
        $"Idempotency key '{key}' was already used for a different request; use a new key for a new command.");
