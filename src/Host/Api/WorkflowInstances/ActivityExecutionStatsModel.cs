using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>Per-activity execution counts, the badges of Studio's instance viewer.</summary>
public sealed record ActivityExecutionStatsModel(
    string ActivityNodeId,
    string ActivityId,
    int StartedCount,
    int CompletedCount,
    int UncompletedCount,
    bool IsBlocked,
    bool IsFaulted,
    JsonObject Metadata);
