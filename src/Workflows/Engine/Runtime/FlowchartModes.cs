using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Flow;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Which flowchart mode a run uses and what a merge mode means. Elsa keeps the mode in the run's properties under
/// <c>Flowchart:ExecutionMode</c>; here the run's properties win, then the definition's <c>customProperties</c> under the
/// same key, then (a definition that sets merge modes asks for token flow) token-based, then the engine's default.
/// </summary>
public static class FlowchartModes
{
    public const string PropertyKey = "Flowchart:ExecutionMode";
    public const string MergeModeProperty = "mergeMode";

    /// <summary>Parses a mode as Elsa accepts it: its name (any case) or its number; null when absent or Default.</summary>
    public static FlowchartExecutionMode? Parse(JsonNode? value)
    {
        FlowchartExecutionMode? mode = value switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) && Enum.TryParse<FlowchartExecutionMode>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) => parsed,
            JsonValue v when v.TryGetValue<int>(out var number) && Enum.IsDefined((FlowchartExecutionMode)number) => (FlowchartExecutionMode)number,
            _ => null,
        };
        return mode == FlowchartExecutionMode.Default ? null : mode;
    }

    /// <summary>True when the value is present but not a mode (refused rather than run another way).</summary>
    public static bool IsInvalid(JsonNode? value) =>
        value is not null && Parse(value) is null
        && !(value is JsonValue v && ((v.TryGetValue<string>(out var s) && string.Equals(s, "Default", StringComparison.OrdinalIgnoreCase)) || (v.TryGetValue<int>(out var n) && n == 0)));

    /// <summary>The mode a run of <paramref name="definition"/> uses.</summary>
    /// <param name="firstMergeMode">The definition's <see cref="FirstMergeMode"/>, as its compiled graph keeps it.</param>
    public static FlowchartExecutionMode Resolve(WorkflowDefinitionModel definition, JsonObject? runProperties, FlowchartExecutionMode engineDefault, (ActivityNode Node, string Value)? firstMergeMode)
    {
        if (Parse(runProperties?[PropertyKey]) is { } requested)
            return requested;
        if (Parse(definition.CustomProperties?[PropertyKey]) is { } chosen)
            return chosen;
        if (firstMergeMode is not null)
            return FlowchartExecutionMode.TokenBased;
        return engineDefault == FlowchartExecutionMode.Default ? FlowchartExecutionMode.CounterBased : engineDefault;
    }

    /// <summary>The first activity (depth first) that sets a merge mode other than None, with the value it sets.</summary>
    public static (ActivityNode Node, string Value)? FirstMergeMode(ActivityNode node)
    {
        if (RawMergeMode(node) is { } value && !string.Equals(value, nameof(MergeMode.None), StringComparison.OrdinalIgnoreCase))
            return (node, value);
        foreach (var child in EmbeddedActivities.Descendants(node))
        {
            if (RawMergeMode(child) is { } found && !string.Equals(found, nameof(MergeMode.None), StringComparison.OrdinalIgnoreCase))
                return (child, found);
        }
        return null;
    }

    /// <summary>The merge mode an activity sets (None when not set), or null when what it sets is not a merge mode.</summary>
    public static MergeMode? MergeModeOf(ActivityNode node)
    {
        var raw = RawMergeMode(node);
        if (raw is null)
            return MergeMode.None;
        return Enum.TryParse<MergeMode>(raw, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _) ? mode : null;
    }

    private static string? RawMergeMode(ActivityNode node) => node.CustomProperties?[MergeModeProperty] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => other.ToJsonString(),
    };
}
