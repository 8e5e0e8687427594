using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Elsa's log persistence modes: which inputs and outputs of an activity its execution record keeps. Read from
/// <c>customProperties.logPersistenceMode</c> (<c>{ default, inputs: { name: mode }, outputs: { … } }</c>, modes Include,
/// Exclude, Inherit) or <c>customProperties.logPersistenceConfig</c> (the same with <c>{ evaluationMode: "Strategy",
/// strategyType }</c> per entry), on the activity and on the workflow: a property's Inherit takes the activity's default,
/// the activity's Inherit the workflow's, the workflow's Inherit keeps everything.
/// </summary>
public static class LogPersistence
{
    public const string LegacyKey = "logPersistenceMode";
    public const string ConfigKey = "logPersistenceConfig";

    private enum Mode
    {
        Inherit,
        Include,
        Exclude,
    }

    /// <summary>The values an execution record keeps of <paramref name="values"/> (a section: "inputs" or "outputs").</summary>
    public static JsonObject Filter(JsonObject? workflowProperties, JsonObject? activityProperties, string section, JsonObject values)
    {
        var workflowDefault = Resolve(DefaultOf(workflowProperties), Mode.Include);
        var activityDefault = Resolve(DefaultOf(activityProperties), workflowDefault);
        var kept = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (Resolve(PropertyMode(activityProperties, section, name), activityDefault) == Mode.Include)
                kept[name] = value?.DeepClone();
        }
        return kept;
    }

    /// <summary>True when the properties ask for a mode computed by an expression, which this engine does not evaluate.</summary>
    public static bool UsesExpressions(JsonObject? properties) =>
        properties?[ConfigKey] is JsonObject config && Entries(config).Any(e => e?["evaluationMode"]?.ToString() == "Expression");

    private static IEnumerable<JsonNode?> Entries(JsonObject config)
    {
        foreach (var (key, value) in config)
        {
            if (key is "inputs" or "outputs" && value is JsonObject section)
            {
                foreach (var (_, entry) in section)
                    yield return entry;
            }
            else
            {
                yield return value;
            }
        }
    }

    private static Mode Resolve(Mode mode, Mode inherited) => mode == Mode.Inherit ? inherited : mode;

    private static Mode DefaultOf(JsonObject? properties) =>
        properties?[ConfigKey]?["default"] is JsonObject config ? FromConfig(config) : Parse(properties?[LegacyKey]?["default"]);

    private static Mode PropertyMode(JsonObject? properties, string section, string name)
    {
        if (Lookup(properties?[ConfigKey]?[section], name) is JsonObject config)
            return FromConfig(config);
        return Parse(Lookup(properties?[LegacyKey]?[section], name));
    }

    // Elsa camel-cases the descriptor's name; names here may come either way, so the lookup ignores case.
    private static JsonNode? Lookup(JsonNode? section, string name) =>
        section is JsonObject obj ? obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value : null;

    // A strategy is named by its type (Elsa.Workflows.LogPersistence.Strategies.Include, …); "Configuration" is the
    // server's configured mode, which is Inherit unless configured, as here.
    private static Mode FromConfig(JsonObject config)
    {
        var strategy = config["strategyType"]?.ToString() ?? "";
        var name = strategy.Split(',')[0].Split('.')[^1];
        return name switch
        {
            "Include" => Mode.Include,
            "Exclude" => Mode.Exclude,
            _ => Mode.Inherit,
        };
    }

    private static Mode Parse(JsonNode? value) =>
        value?.ToString() switch
        {
            "Include" or "include" => Mode.Include,
            "Exclude" or "exclude" => Mode.Exclude,
            _ => Mode.Inherit,
        };
}
