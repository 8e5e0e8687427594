namespace ExportTaxCheck.Engine.Activities;

/// <summary>Thrown by an activity to fault with a code; <see cref="Retryable"/> false skips the retry policy.</summary>
public class ActivityFaultException(string code, string message, bool retryable = true, string? category = null, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
    public string? Category { get; } = category;
    public bool Retryable { get; } = retryable;
}
