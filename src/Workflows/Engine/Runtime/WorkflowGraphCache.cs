using System.Collections.Concurrent;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Compiled definition versions by version id. A version's JSON only changes while it is a draft without
/// instances, and every such save invalidates the entry; the revision in the key guards the rest.
/// </summary>
public sealed class WorkflowGraphCache(ActivityRegistry registry, DefinitionValidator validator)
{
    private readonly ConcurrentDictionary<string, (long Revision, WorkflowGraph Graph)> _graphs = new(StringComparer.Ordinal);

    /// <summary>Compiles (or returns the cached) graph; throws <see cref="DefinitionValidationException"/> when the version is not runnable.</summary>
    public WorkflowGraph Get(WorkflowDefinitionRecord record)
    {
        if (_graphs.TryGetValue(record.Id, out var cached) && cached.Revision == record.Revision)
            return cached.Graph;

        var model = DefinitionService.ToModel(record);
        validator.EnsureValid(model);
        var graph = new WorkflowGraph(model, registry);
        _graphs[record.Id] = (record.Revision, graph);
        return graph;
    }

    /// <summary>
    /// The cached graph of a version instances run on. Such versions never change (a save over them makes a new
    /// version), so the cached entry is good whatever its revision.
    /// </summary>
    public bool TryGetForInstance(string versionId, out WorkflowGraph graph)
    {
        var found = _graphs.TryGetValue(versionId, out var cached);
        graph = cached.Graph;
        return found;
    }

    public void Invalidate(string versionId) => _graphs.TryRemove(versionId, out _);
}
