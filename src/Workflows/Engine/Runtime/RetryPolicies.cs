using System.Globalization;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Resolves the retry policy of an activity: the node's <c>customProperties.retryPolicy</c>
/// (<c>{ maxAttempts, initialInterval, backoffCoefficient, maximumInterval }</c>), else the activity type's default, else none.
/// </summary>
public static class RetryPolicies
{
    public static RetryPolicy For(Activity activity)
    {
        var fallback = activity.Descriptor.DefaultRetryPolicy ?? RetryPolicy.None;
        if (activity.Node.CustomProperties?["retryPolicy"] is not JsonObject configured)
            return fallback;
        return new RetryPolicy(
            Read(configured, "maxAttempts", fallback.MaxAttempts, n => n.GetValue<int>()),
            Read(configured, "initialInterval", fallback.InitialInterval, ReadTimeSpan),
            Read(configured, "backoffCoefficient", fallback.BackoffCoefficient, n => n.GetValue<double>()),
            Read(configured, "maximumInterval", fallback.MaximumInterval == TimeSpan.Zero ? TimeSpan.FromHours(1) : fallback.MaximumInterval, ReadTimeSpan));
    }

    /// <summary>A definition-time check of <c>customProperties.retryPolicy</c>; null when valid.</summary>
    public static string? Validate(JsonObject? customProperties)
    {
        if (customProperties?["retryPolicy"] is not { } node)
            return null;
        if (node is not JsonObject policy)
            return "customProperties.retryPolicy must be an object { maxAttempts, initialInterval, backoffCoefficient, maximumInterval }.";
        try
        {
            var max = Read(policy, "maxAttempts", 1, n => n.GetValue<int>());
            var initial = Read(policy, "initialInterval", TimeSpan.Zero, ReadTimeSpan);
            var coefficient = Read(policy, "backoffCoefficient", 2.0, n => n.GetValue<double>());
            if (max < 1 || max > 100)
                return "retryPolicy.maxAttempts must be between 1 and 100.";
            if (initial < TimeSpan.Zero || coefficient < 1)
                return "retryPolicy.initialInterval must not be negative and backoffCoefficient must be at least 1.";
            return null;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException)
        {
            return $"customProperties.retryPolicy is not valid: {ex.Message}";
        }
    }

    private static T Read<T>(JsonObject obj, string name, T fallback, Func<JsonNode, T> read) =>
        obj[name] is { } node ? read(node) : fallback;

    private static TimeSpan ReadTimeSpan(JsonNode node) => node is JsonValue v && v.TryGetValue<string>(out var s)
        ? TimeSpan.Parse(s, CultureInfo.InvariantCulture)
        : TimeSpan.FromSeconds(node.GetValue<double>());
}
