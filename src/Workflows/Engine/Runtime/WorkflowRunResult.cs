using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>The answer to a command that ran an instance: where it stands after the step committed.</summary>
public sealed record WorkflowRunResult(
    string InstanceId,
    string DefinitionId,
    string DefinitionVersionId,
    int DefinitionVersion,
    WorkflowStatus Status,
    string? CorrelationId,
    IReadOnlyList<BookmarkInfo> Bookmarks,
    IReadOnlyList<Incident> Incidents,
    JsonObject Output,
    IReadOnlyList<string> Lines)
{
    /// <summary>True when this is the stored answer to an earlier command with the same idempotency key.</summary>
    public bool Replayed { get; init; }
}
