using System.Collections.Concurrent;
using ExportTaxCheck.Engine.Activities.Composition;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Compiled definition versions by version id. A version's JSON only changes while it is a draft without instances, and
/// every such save invalidates the entry; the revision in the key guards the rest. A version that uses workflows as
/// activities is compiled with the versions of them it names, loaded here.
/// </summary>
public sealed class WorkflowGraphCache(ActivityRegistry registry, DefinitionValidator validator, DefinitionActivityTypes activityTypes, IDbContextFactory<WorkflowDbContext> dbFactory)
{
    private readonly ConcurrentDictionary<string, (long Revision, WorkflowGraph Graph)> _graphs = new(StringComparer.Ordinal);

    /// <summary>Compiles (or returns the cached) graph; throws <see cref="DefinitionValidationException"/> when the version is not runnable.</summary>
    public async Task<WorkflowGraph> GetAsync(WorkflowDefinitionRecord record, CancellationToken ct)
    {
        if (TryGet(record.Id, record.Revision, out var cached))
            return cached;

        var model = DefinitionService.ToModel(record);
        await activityTypes.EnsureLoadedAsync(ct);
        validator.EnsureValid(model);
        var graph = new WorkflowGraph(model, registry, await LoadEmbeddedAsync(model, ct));
        _graphs[record.Id] = (record.Revision, graph);
        return graph;
    }

    /// <summary>The cached graph of the version <paramref name="versionId"/> at <paramref name="revision"/>, when it is cached.</summary>
    public bool TryGet(string versionId, long revision, out WorkflowGraph graph)
    {
        var found = _graphs.TryGetValue(versionId, out var cached) && cached.Revision == revision;
        graph = cached.Graph;
        return found;
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

    /// <summary>
    /// The definitions the workflow-definition activities of <paramref name="model"/> run, and those theirs run, by the
    /// key each activity names them with.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, WorkflowDefinitionModel>> LoadEmbeddedAsync(WorkflowDefinitionModel model, CancellationToken ct)
    {
        var loaded = new Dictionary<string, WorkflowDefinitionModel>(StringComparer.Ordinal);
        var pending = new Queue<WorkflowDefinitionModel>();
        pending.Enqueue(model);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            if (current.Root is null)
                continue;
            foreach (var node in EmbeddedActivities.Descendants(current.Root).Prepend(current.Root))
            {
                if (!registry.TryGet(node.Type, out var descriptor) || WorkflowDefinitionReference.From(node, descriptor) is not { } reference)
                    continue;
                if (loaded.ContainsKey(reference.Key))
                    continue;
                var found = await FindAsync(reference, ct);
                if (found is null)
                    continue;
                loaded[reference.Key] = found;
                // A definition used by itself is loaded once; the graph refuses the endless nesting it would make.
                pending.Enqueue(found);
            }
        }
        return loaded;
    }

    /// <summary>Elsa's choice of version: the node's version when it exists, else the one the type describes, else the published one, else the latest.</summary>
    private async Task<WorkflowDefinitionModel?> FindAsync(WorkflowDefinitionReference reference, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == reference.DefinitionId);
        var record = (reference.Version is { } number ? await versions.FirstOrDefaultAsync(d => d.Version == number, ct) : null)
                     ?? (reference.FallbackVersionId is { } versionId ? await versions.FirstOrDefaultAsync(d => d.Id == versionId, ct) : null)
                     ?? await versions.FirstOrDefaultAsync(d => d.IsPublished, ct)
                     ?? await versions.Where(d => d.IsLatest).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        return record is null ? null : DefinitionService.ToModel(record);
    }
}
