namespace ExportTaxCheck.Engine.Activities;

/// <summary>The default retry policy of an activity type; a node overrides it with <c>customProperties.retryPolicy</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RetryAttribute(int maxAttempts) : Attribute
{
    public int MaxAttempts { get; } = maxAttempts;
    public string InitialInterval { get; init; } = "00:00:05";
    public double BackoffCoefficient { get; init; } = 2.0;
    public string MaximumInterval { get; init; } = "00:10:00";
}
