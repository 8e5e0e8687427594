using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Activities.Composition;

/// <summary>
/// A workflow definition marked <c>options.usableAsActivity</c>, used as an activity (its type is the definition's name,
/// Pascal-cased, as Elsa names it). Its flow runs inside this workflow, as Elsa's WorkflowDefinitionActivity runs it: the
/// definition's inputs are variables of this activity (set from the node's inputs), its outputs are variables that
/// Elsa.SetOutput fills and that become this activity's outputs, and Elsa.Complete inside ends it with its outcomes.
/// Registered per definition by <see cref="ActivityRegistry.RegisterDefinition"/>, never found by the assembly scan.
/// </summary>
public sealed class WorkflowDefinitionActivity : Activity, IEmbedsDefinition
{
    private WorkflowDefinitionModel? _definition;

    /// <summary>The definition run (the version the node names), once the graph is built.</summary>
    public WorkflowDefinitionModel? Definition => _definition;

    public string? DefinitionKey => Reference?.Key;

    private WorkflowDefinitionReference? Reference => WorkflowDefinitionReference.From(Node, Descriptor);

    public ActivityNode? Bind(IReadOnlyDictionary<string, WorkflowDefinitionModel> definitions)
    {
        if (DefinitionKey is { } key && definitions.TryGetValue(key, out var definition))
            _definition = definition;
        return _definition?.Root;
    }

    public override IReadOnlyList<string>? GetOutcomes() => [.. OutcomesOf(_definition) ?? Descriptor.Outcomes ?? [], "Done"];

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var definition = _definition ?? throw new ActivityFaultException("WorkflowDefinitionNotFound",
            $"Activity '{Id}' ({Node.Type}) runs workflow definition '{Reference?.DefinitionId}', which has no version to run.", retryable: false);

        // Inputs are evaluated in the caller's scope, before this activity declares anything.
        // Each input is converted to its declared type (an Int32 input given "4" is the number 4), as Elsa's descriptor types it.
        var inputs = new JsonObject();
        foreach (var declared in (definition.Inputs ?? []).OfType<JsonObject>())
        {
            if (declared["name"] is not JsonValue n || !n.TryGetValue<string>(out var name))
                continue;
            var type = TypeNames.ClrTypeOf(declared["type"] is JsonValue t && t.TryGetValue<string>(out var alias) ? alias : null);
            var expression = Node.GetInputExpression(name);
            inputs[name] = expression is null ? null : ValueConverter.ToJson(await context.EvaluateAsync(expression, type));
        }

        foreach (var variable in definition.Variables ?? [])
            context.DeclareVariable(variable.Name, variable.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0 ? null : variable.Value);
        foreach (var (name, value) in inputs)
            context.DeclareVariable(name, value);
        foreach (var name in Names(definition.Outputs))
            context.DeclareVariable(name, null);
        context.EvaluatedInputs.Clear();
        foreach (var (name, value) in inputs)
            context.EvaluatedInputs[name] = value?.DeepClone();

        return context.ScheduleChild(definition.Root) ? Pending() : Done();
    }

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child)
    {
        CollectOutputs(context);
        return new(Done());
    }

    /// <summary>The definition's outputs, as Elsa.SetOutput left them in this activity's variables, become its outputs.</summary>
    public void CollectOutputs(ActivityContext context)
    {
        foreach (var name in Names(_definition?.Outputs))
        {
            var value = context.Execution.Variables?[name]?.DeepClone();
            context.SetOutput(name, OutputVariableOf(name), value);
        }
    }

    /// <summary>True when the definition this activity runs declares an output of that name.</summary>
    public bool DeclaresOutput(string name) => Names(_definition?.Outputs).Contains(name, StringComparer.Ordinal);

    private string? OutputVariableOf(string name) =>
        Node.GetProperty(name) is JsonObject output && output["memoryReference"] is JsonObject reference
        && reference["id"] is JsonValue id && id.TryGetValue<string>(out var variable) && variable.Length > 0
            ? variable
            : null;

    internal static IEnumerable<string> Names(JsonArray? declarations) =>
        (declarations ?? []).Select(d => d?["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null).OfType<string>();

    internal static IEnumerable<string>? OutcomesOf(WorkflowDefinitionModel? definition) =>
        definition?.Outcomes?.Select(o => o is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>();
}
