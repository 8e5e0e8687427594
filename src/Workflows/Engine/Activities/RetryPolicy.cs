namespace ExportTaxCheck.Engine.Activities;

/// <summary>
/// Temporal-style retry policy. An activity that throws is re-run after
/// <c>min(InitialInterval × BackoffCoefficient^(attempt-1), MaximumInterval)</c> until <see cref="MaxAttempts"/> runs failed.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialInterval, double BackoffCoefficient, TimeSpan MaximumInterval)
{
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, 1, TimeSpan.Zero);

    public TimeSpan DelayBeforeAttempt(int nextAttempt)
    {
        var exponent = Math.Max(0, nextAttempt - 2);
        var ticks = InitialInterval.Ticks * Math.Pow(BackoffCoefficient, exponent);
        return ticks >= MaximumInterval.Ticks ? MaximumInterval : TimeSpan.FromTicks((long)ticks);
    }
}
