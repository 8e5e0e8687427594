using System.Globalization;

namespace ExportTaxCheck.Engine.Activities.Scheduling;

/// <summary>The definition-time check that a Delay, Timer or Cron waits at least <see cref="RuntimeOptions.MinimumTimerInterval"/>.</summary>
internal static class TimerIntervals
{
    public static IEnumerable<ValidationError> AtLeastMinimum(string activityId, string what, TimeSpan interval, ActivityValidationContext context)
    {
        if (interval < context.MinimumTimerInterval)
        {
            yield return new("IntervalTooShort",
                $"{what} '{activityId}' waits {interval.ToString("c", CultureInfo.InvariantCulture)}; the shortest wait is {context.MinimumTimerInterval.ToString("c", CultureInfo.InvariantCulture)} (Runtime:MinimumTimerInterval).",
                activityId);
        }
    }

    public static TimeSpan? Literal(IInput input) =>
        StaticInputs.Literal(input) is { } text && TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var interval) ? interval : null;
}
