using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Composition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExportTaxCheck.Engine.Definitions;

// Elsa's WorkflowReferenceUpdater: publishing a definition used as an activity with options.autoUpdateConsumingWorkflows
// points the workflows that use it (their latest versions) at the version just published. A consumer that was published
// is published again (a new version), a draft stays a draft; a consumer that is itself such an activity passes the update
// on to its own consumers when it is published.
public sealed partial class DefinitionService
{
    // The definitions being updated in this call chain, so that workflows using each other do not update for ever.
    private static readonly AsyncLocal<HashSet<string>?> Updating = new();

    private async Task UpdateConsumersAsync(WorkflowDefinitionModel published, CancellationToken ct)
    {
        if (!WorkflowDefinitionDescriptors.IsUsableAsActivity(published)
            || published.Options?["autoUpdateConsumingWorkflows"] is not JsonValue flag || !flag.TryGetValue<bool>(out var auto) || !auto)
            return;

        var outer = Updating.Value;
        var updating = outer ?? new HashSet<string>(StringComparer.Ordinal);
        if (!updating.Add(published.DefinitionId))
            return;
        Updating.Value = updating;
        try
        {
            List<WorkflowDefinitionRecord> consumers;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                // A cheap text filter; the references themselves are checked on the parsed definition.
                consumers = await db.WorkflowDefinitions.AsNoTracking()
                    .Where(d => d.IsLatest && d.DefinitionId != published.DefinitionId && d.Data.Contains(published.DefinitionId))
                    .ToListAsync(ct);
            }

            foreach (var consumer in consumers)
            {
                if (updating.Contains(consumer.DefinitionId) || Repointed(ToModel(consumer), published) is not { } updated)
                    continue;
                await SaveAsync(updated, consumer.IsPublished, ct);
                logger.LogInformation("Workflow {Consumer} now uses version {Version} of {DefinitionId}", consumer.DefinitionId, published.Version, published.DefinitionId);
            }
        }
        finally
        {
            if (outer is null)
                Updating.Value = null;
        }
    }

    /// <summary>The consumer with every node that runs <paramref name="published"/> pointed at it; null when none was behind.</summary>
    private static WorkflowDefinitionModel? Repointed(WorkflowDefinitionModel consumer, WorkflowDefinitionModel published)
    {
        var json = JsonNode.Parse(WorkflowJson.Serialize(consumer))!.AsObject();
        var changed = false;
        Visit(json["root"]);
        return changed ? WorkflowJson.Parse(json.ToJsonString()) : null;

        void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj when obj["workflowDefinitionId"] is JsonValue id && id.TryGetValue<string>(out var definitionId)
                                         && string.Equals(definitionId, published.DefinitionId, StringComparison.Ordinal)
                                         && EmbeddedActivities.IsActivity(obj):
                    // A workflow used as an activity holds no children of its own in its node (Elsa does not drill into it).
                    if (obj["workflowDefinitionVersionId"]?.ToString() != published.Id)
                    {
                        obj["workflowDefinitionVersionId"] = published.Id;
                        obj["version"] = published.Version;
                        obj["latestAvailablePublishedVersionId"] = published.Id;
                        obj["latestAvailablePublishedVersion"] = published.Version;
                        changed = true;
                    }
                    break;
                case JsonObject obj:
                    foreach (var (key, value) in obj.ToList())
                    {
                        if (key is not ("metadata" or "customProperties"))
                            Visit(value);
                    }
                    break;
                case JsonArray array:
                    foreach (var item in array.ToList())
                        Visit(item);
                    break;
            }
        }
    }
}
