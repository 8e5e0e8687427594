using ExportTaxCheck.Engine.Activities;
using ExportTaxCheck.Engine.Runtime;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>Fails as many times as the test says, then succeeds.</summary>
[Activity("Test", "Testing", "Fails a configured number of times.")]
[Retry(3, InitialInterval = "00:01:00", BackoffCoefficient = 2, MaximumInterval = "00:10:00")]
public sealed class Flaky : Activity
{
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var counter = context.GetRequiredService<FailureBudget>();
        if (Interlocked.Decrement(ref counter.Remaining) >= 0)
            throw new InvalidOperationException("customs gateway unreachable");
        context.WriteLine("succeeded on attempt " + context.Execution.Attempt);
        return new(Done());
    }
}
