namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// One definition version made ready to run: activities bound to their nodes, and per flowchart the connection
/// graph with its forward/backward split. Immutable and shared by every instance of that version.
/// </summary>
public sealed class WorkflowGraph
{
    private readonly Dictionary<string, Activity> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowchartGraph> _flowcharts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _variableNamesById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nodeIds = new(StringComparer.Ordinal);

    public WorkflowGraph(WorkflowDefinitionModel definition, ActivityRegistry registry)
    {
        Definition = definition;
        Root = definition.Root ?? throw new DefinitionValidationException([new("MissingRoot", "The definition has no root activity.")]);
        foreach (var variable in definition.Variables ?? [])
        {
            _variableNamesById[variable.Id] = variable.Name;
            _variableNamesById[variable.Name] = variable.Name;
        }

        Add(Root, registry);
    }

    public WorkflowDefinitionModel Definition { get; }

    public ActivityNode Root { get; }

    public string VersionId => Definition.Id;

    public IEnumerable<Activity> Activities => _activities.Values;

    public Activity GetActivity(string activityId) =>
        _activities.TryGetValue(activityId, out var activity)
            ? activity
            : throw new InvalidOperationException($"Activity '{activityId}' is not part of definition version '{VersionId}'.");

    public bool TryGetActivity(string activityId, out Activity activity) => _activities.TryGetValue(activityId, out activity!);

    public FlowchartGraph GetFlowchart(string containerActivityId) => _flowcharts[containerActivityId];

    /// <summary>Resolves a variable id or name to its name; null when the workflow declares no such variable.</summary>
    public string? ResolveVariable(string idOrName) => _variableNamesById.GetValueOrDefault(idOrName);

    public IReadOnlyCollection<string> VariableNames => Definition.Variables?.Select(v => v.Name).ToList() ?? [];

    /// <summary>Elsa's node id of an activity (<c>Workflow1:{rootId}:{activityId}</c>), as Studio addresses it.</summary>
    public string NodeIdOf(string activityId) => _nodeIds.GetValueOrDefault(activityId) ?? activityId;

    private void Add(ActivityNode node, ActivityRegistry registry, string parentPath = "Workflow1")
    {
        _activities[node.Id] = registry.Create(node);
        var nodeId = $"{parentPath}:{node.Id}";
        _nodeIds[node.Id] = nodeId;
        if (!node.IsContainer)
            return;
        foreach (var child in node.Activities!)
            Add(child, registry, nodeId);
        _flowcharts[node.Id] = new FlowchartGraph(node);
    }
}
