using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Api.Elsa;

namespace ExportTaxCheck.Host.Api.WorkflowDefinitions;

/// <summary>A definition version as Elsa's lists show it (no JSON body); Studio reads its links as permissions.</summary>
public sealed record WorkflowDefinitionSummaryModel(
    string Id,
    string DefinitionId,
    string? Name,
    string? Description,
    int Version,
    bool IsLatest,
    bool IsPublished,
    string ProviderName,
    string MaterializerName,
    DateTimeOffset CreatedAt,
    bool IsReadonly,
    bool IsSystem,
    bool IsMaterializerAvailable,
    JsonArray Links)
{
    // Every stored definition is Elsa JSON, which this engine materializes: Studio opens it rather than showing it read-only.
    public static WorkflowDefinitionSummaryModel From(DefinitionSummary s) =>
        new(s.Id, s.DefinitionId, s.Name, s.Description, s.Version, s.IsLatest, s.IsPublished, "Default", "Json", s.CreatedAt, false, false, true, ElsaLinks.ForDefinition(s.DefinitionId));
}
