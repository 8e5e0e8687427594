using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ExportTaxCheck.Engine.Activities.Composition;

/// <summary>
/// The toolbox entry of a definition used as an activity, as Elsa describes one: its Pascal-cased name as type, its
/// declared inputs and outputs as the activity's, its outcomes as ports, the definition's ids for Studio to put on the node.
/// </summary>
public static partial class WorkflowDefinitionDescriptors
{
    public static ActivityDescriptor Describe(WorkflowDefinitionModel definition)
    {
        var typeName = TypeNameOf(definition);
        var outcomes = WorkflowDefinitionActivity.OutcomesOf(definition)?.ToList() ?? [];
        var category = definition.Options?["activityCategory"] is JsonValue c && c.TryGetValue<string>(out var text) && text.Length > 0 ? text : "Workflows";
        return new ActivityDescriptor
        {
            TypeName = typeName,
            Namespace = "",
            Name = typeName,
            Version = definition.Version,
            Category = category,
            DisplayName = definition.Name ?? definition.DefinitionId,
            Description = definition.Description,
            Kind = ActivityKind.Action,
            IsBrowsable = definition.IsPublished,
            CustomProperties = new JsonObject
            {
                ["RootType"] = nameof(WorkflowDefinitionActivity),
                ["WorkflowDefinitionId"] = definition.DefinitionId,
                ["WorkflowDefinitionVersionId"] = definition.Id,
            },
            ConstructionProperties = new JsonObject
            {
                ["WorkflowDefinitionId"] = definition.DefinitionId,
                ["WorkflowDefinitionVersionId"] = definition.Id,
                ["Version"] = definition.Version,
                ["LatestAvailablePublishedVersion"] = definition.Version,
                ["LatestAvailablePublishedVersionId"] = definition.Id,
            },
            Ports = [new PortDescriptor("Root", "Root", "Embedded", IsBrowsable: false), .. outcomes.Select(o => new PortDescriptor(o, o))],
            Inputs = (definition.Inputs ?? []).OfType<JsonObject>().Select((input, i) => DescribeInput(input, i)).OfType<InputDescriptor>().ToList(),
            Outputs = (definition.Outputs ?? []).OfType<JsonObject>().Select(DescribeOutput).OfType<OutputDescriptor>().ToList(),
            Outcomes = [.. outcomes, "Done"],
            ClrType = typeof(WorkflowDefinitionActivity),
        };
    }

    /// <summary>Elsa's type name for a definition used as an activity: its name Pascal-cased (Humanizer's Pascalize).</summary>
    public static string TypeNameOf(WorkflowDefinitionModel definition) =>
        PascalizePattern().Replace(definition.Name ?? definition.DefinitionId, m => m.Groups["first"].Value.ToUpperInvariant());

    /// <summary>True when the definition asks to be an activity (<c>options.usableAsActivity</c>, or the older top-level flag).</summary>
    public static bool IsUsableAsActivity(WorkflowDefinitionModel definition) =>
        Flag(definition.Options?["usableAsActivity"])
        ?? (definition.Extra is { } extra && extra.TryGetValue("usableAsActivity", out var legacy) ? Flag(JsonBag.ToNode(legacy)) : null)
        ?? false;

    private static bool? Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static InputDescriptor? DescribeInput(JsonObject input, int order)
    {
        if (Text(input, "name") is not { } name)
            return null;
        return new InputDescriptor
        {
            Name = name,
            TypeName = Text(input, "type") ?? "Object",
            DisplayName = Text(input, "displayName") ?? name,
            Description = Text(input, "description"),
            Category = Text(input, "category"),
            UIHint = Text(input, "uiHint") ?? UIHints.SingleLine,
            StorageDriverType = Text(input, "storageDriverType"),
            Order = order,
            IsSynthetic = true,
        };
    }

    private static OutputDescriptor? DescribeOutput(JsonObject output) =>
        Text(output, "name") is { } name
            ? new OutputDescriptor { Name = name, TypeName = Text(output, "type") ?? "Object", DisplayName = Text(output, "displayName") ?? name, Description = Text(output, "description"), IsSynthetic = true }
            : null;

    private static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    [GeneratedRegex("(?:^|_| +)(?<first>.)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PascalizePattern();
}
