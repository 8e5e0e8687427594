using ExportTaxCheck.Engine.Activities.Composition;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>
/// Keeps the activity registry's workflow-definition activities in step with the stored definitions: each definition
/// marked <c>usableAsActivity</c> is an activity type, described by its published version (else its latest), as Elsa's
/// WorkflowDefinitionActivityProvider offers them to the toolbox.
/// </summary>
public sealed class DefinitionActivityTypes(ActivityRegistry registry, IDbContextFactory<WorkflowDbContext> dbFactory)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _loaded;

    /// <summary>Registers every usable definition once per process (the first caller loads them).</summary>
    public async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (_loaded)
            return;
        await _gate.WaitAsync(ct);
        try
        {
            if (_loaded)
                return;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Only rows that mention the flag are read; the flag itself is checked on the parsed definition.
            var rows = await db.WorkflowDefinitions.AsNoTracking()
                .Where(d => (d.IsPublished || d.IsLatest) && d.Data.Contains("usableAsActivity"))
                .ToListAsync(ct);
            foreach (var group in rows.GroupBy(d => d.DefinitionId, StringComparer.Ordinal))
                Register(group);
            _loaded = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Describes one definition again after it was saved, published, retracted or deleted.</summary>
    public async Task RefreshAsync(string definitionId, CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && (d.IsPublished || d.IsLatest)).ToListAsync(ct);
        if (rows.Count == 0)
        {
            registry.RegisterDefinition(new WorkflowDefinitionModel { DefinitionId = definitionId }, usable: false);
            return;
        }
        Register(rows);
    }

    private void Register(IEnumerable<WorkflowDefinitionRecord> versions)
    {
        var list = versions.ToList();
        var chosen = list.FirstOrDefault(v => v.IsPublished) ?? list.OrderByDescending(v => v.Version).First();
        WorkflowDefinitionModel model;
        try
        {
            model = DefinitionService.ToModel(chosen);
        }
        catch (DefinitionFormatException)
        {
            return;
        }
        registry.RegisterDefinition(model, WorkflowDefinitionDescriptors.IsUsableAsActivity(model));
    }
}
