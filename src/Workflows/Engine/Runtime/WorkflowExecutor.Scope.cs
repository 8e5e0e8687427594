using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Runtime;

// What expressions and activities see of the instance (IExpressionScope): the workflow's variables, and the variables
// declared along an execution's ancestors (a loop's CurrentValue, a container's variables, the inputs of a workflow used
// as an activity), nearest first, as Elsa's memory registers nest.
public sealed partial class WorkflowExecutor
{
    public string InstanceId => _instance.Id;
    public string? CorrelationId { get => _instance.CorrelationId; set => _instance.CorrelationId = value; }
    public string? InstanceName { get => _instance.Name; set => _instance.Name = value; }
    public string DefinitionId => _instance.DefinitionId;
    public string DefinitionVersionId => _instance.DefinitionVersionId;
    public int DefinitionVersion => _instance.DefinitionVersion;
    public JsonObject WorkflowInput => _state.Input;
    public IReadOnlyCollection<string> VariableNames => Graph.VariableNames;

    public bool HasVariable(string nameOrId) => Graph.ResolveVariable(nameOrId) is not null;

    public object? GetVariable(string nameOrId)
    {
        var name = Graph.ResolveVariable(nameOrId) ?? throw new ExpressionException($"Variable '{nameOrId}' is not declared in this workflow.");
        return _state.Variables.GetValueOrDefault(name)?.DeepClone();
    }

    public void SetVariable(string nameOrId, object? value)
    {
        var name = Graph.ResolveVariable(nameOrId) ?? throw new ExpressionException($"Variable '{nameOrId}' is not declared in this workflow.");
        _state.Variables[name] = ValueConverter.ToJson(value);
    }

    public object? GetActivityOutput(string activityIdOrName, string? outputName)
    {
        var activityId = Graph.TryGetActivity(activityIdOrName, out var byId) ? byId.Id
            : Graph.Activities.FirstOrDefault(a => a.Node.Name == activityIdOrName)?.Id;
        if (activityId is null || !_state.ActivityOutputs.TryGetValue(activityId, out var outputs))
            return null;
        return outputName is null ? outputs.FirstOrDefault().Value?.DeepClone() : outputs[outputName]?.DeepClone();
    }

    /// <summary>The outputs each activity produced last, by activity id and output name (for <c>get{Output}From{Activity}</c>).</summary>
    internal IReadOnlyDictionary<string, JsonObject> ActivityOutputs => _state.ActivityOutputs;

    public object? LastResult => _lastResult;

    private static string OutputKeyOf(ActivityExecution execution) => execution.ActivityId;

    internal void SetActivityOutput(ActivityExecution execution, string outputName, JsonNode? value)
    {
        var key = OutputKeyOf(execution);
        if (!_state.ActivityOutputs.TryGetValue(key, out var outputs))
            _state.ActivityOutputs[key] = outputs = [];
        outputs[outputName] = value?.DeepClone();
        _lastResult = value;
    }

    /// <summary>The execution (itself or an ancestor) that declares <paramref name="name"/>, nearest first; null for the workflow's own.</summary>
    internal ActivityExecution? DeclarerOf(ActivityExecution? execution, string name)
    {
        for (var current = execution; current is not null; current = ParentOf(current))
        {
            if (current.Variables?.ContainsKey(name) == true)
                return current;
        }
        return null;
    }

    /// <summary>Names of the variables declared along the execution's ancestors (nearest first), then the workflow's.</summary>
    internal IReadOnlyCollection<string> VariableNamesFor(ActivityExecution execution)
    {
        var names = new List<string>();
        for (var current = execution; current is not null; current = ParentOf(current))
        {
            foreach (var (name, _) in current.Variables ?? [])
            {
                if (!names.Contains(name, StringComparer.Ordinal))
                    names.Add(name);
            }
        }
        foreach (var name in Graph.VariableNames)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
                names.Add(name);
        }
        return names;
    }

    internal bool HasVariableFor(ActivityExecution execution, string nameOrId) =>
        DeclarerOf(execution, nameOrId) is not null || HasVariable(nameOrId);

    internal object? GetVariableFor(ActivityExecution execution, string nameOrId) =>
        DeclarerOf(execution, nameOrId) is { } declarer ? declarer.Variables![nameOrId]?.DeepClone() : GetVariable(nameOrId);

    internal void SetVariableFor(ActivityExecution execution, string nameOrId, object? value)
    {
        if (DeclarerOf(execution, nameOrId) is { } declarer)
            declarer.Variables![nameOrId] = ValueConverter.ToJson(value);
        else
            SetVariable(nameOrId, value);
    }

    /// <summary>The variables a composite's node declares (<c>variables</c> of a flowchart or sequence), set on its execution when it starts.</summary>
    private void DeclareNodeVariables(ActivityExecution execution, ActivityNode node)
    {
        if (execution.ScopeId is null || node.GetProperty("variables") is not JsonArray declared || declared.Count == 0)
            return;
        List<VariableDefinition>? variables;
        try
        {
            variables = declared.Deserialize<List<VariableDefinition>>(WorkflowJson.Options);
        }
        catch (JsonException)
        {
            return;
        }
        foreach (var variable in variables ?? [])
        {
            if (string.IsNullOrWhiteSpace(variable.Name))
                continue;
            execution.Variables ??= [];
            if (!execution.Variables.ContainsKey(variable.Name))
                execution.Variables[variable.Name] = TypedInitialValue(variable, InitialValueOf(variable));
        }
    }

    /// <summary>The scope expressions evaluated for an execution see.</summary>
    internal IExpressionScope ScopeOf(ActivityExecution execution) =>
        Graph.TryResolve(execution, out var activity) ? new ActivityContext(this, execution, activity, resumption: null) : this;

    /// <summary>
    /// The workflow's declared inputs (<c>get{Name}()</c> in JavaScript), unless the execution runs inside a workflow used
    /// as an activity, where the inputs are that activity's variables (Elsa hides the workflow's there).
    /// </summary>
    internal IReadOnlyCollection<string> WorkflowInputNamesFor(ActivityExecution execution)
    {
        for (var current = ParentOf(execution); current is not null; current = ParentOf(current))
        {
            if (Graph.TryResolve(current, out var activity) && activity is IEmbedsDefinition)
                return [];
        }
        return Graph.Definition.Inputs?.Select(i => i?["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null)
            .OfType<string>().ToList() ?? [];
    }

    /// <summary>Named activities with outputs recorded.</summary>
    internal IEnumerable<(string ActivityName, string OutputName)> NamedActivityOutputs =>
        Graph.Activities.Where(a => a.Node.Name is { Length: > 0 } && _state.ActivityOutputs.ContainsKey(a.Id))
            .SelectMany(a => _state.ActivityOutputs[a.Id].Select(o => (a.Node.Name!, o.Key)));

    internal void SetContainerOutput(ActivityExecution execution, string name, JsonNode? value)
    {
        for (var current = ParentOf(execution); current is not null; current = ParentOf(current))
        {
            if (Graph.TryResolve(current, out var activity) && activity is IEmbedsDefinition embedding && embedding.DeclaresOutput(name))
            {
                current.Variables ??= [];
                current.Variables[name] = value?.DeepClone();
                return;
            }
        }
        _state.Output[name] = value?.DeepClone();
    }
}
