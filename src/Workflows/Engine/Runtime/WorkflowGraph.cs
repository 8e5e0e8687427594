namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// One definition version made ready to run: every activity bound to its node and keyed by Elsa's node id (the path of
/// ids from the workflow down), the children embedded in composites (a loop's body, a sequence's steps, the flow of a
/// workflow used as an activity), and per flowchart the connection graph with its forward/backward split. Immutable and
/// shared by every instance of that version.
/// </summary>
public sealed class WorkflowGraph
{
    private const string RootPath = "Workflow1";
    private readonly Dictionary<string, Activity> _byNodeId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Activity> _byActivityId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowchartGraph> _flowcharts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _variableNamesById = new(StringComparer.Ordinal);

    /// <param name="definition">The version.</param>
    /// <param name="registry">The activity types.</param>
    /// <param name="children">The definitions that workflow-definition activities of this version run, by (definition id, version id).</param>
    public WorkflowGraph(WorkflowDefinitionModel definition, ActivityRegistry registry, IReadOnlyDictionary<string, WorkflowDefinitionModel>? children = null)
    {
        Definition = definition;
        Root = definition.Root ?? throw new DefinitionValidationException([new("MissingRoot", "The definition has no root activity.")]);
        foreach (var variable in definition.Variables ?? [])
        {
            _variableNamesById[variable.Id] = variable.Name;
            _variableNamesById[variable.Name] = variable.Name;
        }

        RootActivity = Add(Root, registry, children ?? new Dictionary<string, WorkflowDefinitionModel>(), RootPath, parentNodeId: null, topLevel: true, depth: 0);
        FirstMergeMode = FlowchartModes.FirstMergeMode(Root);
    }

    /// <summary>The first activity that sets a merge mode, with the mode it sets (<see cref="FlowchartModes.FirstMergeMode"/>).</summary>
    public (ActivityNode Node, string Value)? FirstMergeMode { get; }

    public WorkflowDefinitionModel Definition { get; }

    public ActivityNode Root { get; }

    public Activity RootActivity { get; }

    public string VersionId => Definition.Id;

    /// <summary>Every activity of the graph, those of embedded workflows included.</summary>
    public IEnumerable<Activity> Activities => _byNodeId.Values;

    /// <summary>The activity with this node id, or (states written before node ids) this activity id of the definition itself.</summary>
    public Activity GetActivity(string nodeIdOrActivityId) =>
        TryGetActivity(nodeIdOrActivityId, out var activity)
            ? activity
            : throw new InvalidOperationException($"Activity '{nodeIdOrActivityId}' is not part of definition version '{VersionId}'.");

    public bool TryGetActivity(string nodeIdOrActivityId, out Activity activity) =>
        _byNodeId.TryGetValue(nodeIdOrActivityId, out activity!) || _byActivityId.TryGetValue(nodeIdOrActivityId, out activity!);

    /// <summary>The activity an execution runs.</summary>
    public Activity Resolve(ActivityExecution execution) => GetActivity(execution.NodeId ?? execution.ActivityId);

    public bool TryResolve(ActivityExecution execution, out Activity activity) => TryGetActivity(execution.NodeId ?? execution.ActivityId, out activity);

    /// <summary>The child <paramref name="child"/> of the activity at <paramref name="parentNodeId"/>.</summary>
    public Activity ChildOf(string parentNodeId, ActivityNode child) => GetActivity($"{parentNodeId}:{child.Id}");

    public string? ParentNodeIdOf(string nodeId) => _parents.GetValueOrDefault(nodeId);

    /// <summary>
    /// The definition whose flow holds the activity at <paramref name="nodeId"/>: that of the nearest workflow used as
    /// an activity above it, else this version (Elsa's nearest ancestor <c>Workflow</c>).
    /// </summary>
    public WorkflowDefinitionModel DefinitionAround(string nodeId)
    {
        for (var parent = ParentNodeIdOf(nodeId); parent is not null; parent = ParentNodeIdOf(parent))
        {
            if (_byNodeId.TryGetValue(parent, out var activity) && activity is IEmbedsDefinition { Definition: { } embedded })
                return embedded;
        }
        return Definition;
    }

    public FlowchartGraph GetFlowchart(string nodeIdOrActivityId) =>
        _flowcharts.TryGetValue(nodeIdOrActivityId, out var flowchart) ? flowchart : _flowcharts[GetActivity(nodeIdOrActivityId).NodeId];

    /// <summary>Resolves a variable id or name to its name; null when the workflow declares no such variable.</summary>
    public string? ResolveVariable(string idOrName) => _variableNamesById.GetValueOrDefault(idOrName);

    public IReadOnlyCollection<string> VariableNames => Definition.Variables?.Select(v => v.Name).ToList() ?? [];

    /// <summary>Elsa's node id of an activity (<c>Workflow1:{rootId}:{activityId}</c>), as Studio addresses it.</summary>
    public string NodeIdOf(string activityIdOrNodeId) => TryGetActivity(activityIdOrNodeId, out var activity) ? activity.NodeId : activityIdOrNodeId;

    private Activity Add(ActivityNode node, ActivityRegistry registry, IReadOnlyDictionary<string, WorkflowDefinitionModel> children,
        string parentPath, string? parentNodeId, bool topLevel, int depth)
    {
        // A workflow that uses itself (directly or through others) would unfold without end.
        if (depth > 64)
            throw new DefinitionValidationException([new("NestingTooDeep", $"Activity '{node.Id}' is nested more than 64 levels deep; a workflow used as an activity probably uses itself.", node.Id)]);

        var activity = registry.Create(node);
        var nodeId = $"{parentPath}:{node.Id}";
        activity.NodeId = nodeId;
        _byNodeId[nodeId] = activity;
        if (topLevel)
            _byActivityId.TryAdd(node.Id, activity);
        if (parentNodeId is not null)
            _parents[nodeId] = parentNodeId;

        if (node.IsFlowchart)
        {
            foreach (var child in node.Activities ?? [])
                Add(child, registry, children, nodeId, nodeId, topLevel, depth + 1);
            _flowcharts[nodeId] = new FlowchartGraph(node);
            return activity;
        }

        if (activity is IEmbedsDefinition embedding && embedding.Bind(children) is { } embeddedRoot)
        {
            // The embedded workflow's activities keep their own ids under this node's path, as Elsa nests them.
            Add(embeddedRoot, registry, children, nodeId, nodeId, topLevel: false, depth + 1);
            return activity;
        }

        foreach (var child in activity.GetChildren())
            Add(child, registry, children, nodeId, nodeId, topLevel, depth + 1);
        return activity;
    }
}
