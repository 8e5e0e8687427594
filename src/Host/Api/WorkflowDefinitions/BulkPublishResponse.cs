namespace ExportTaxCheck.Host.Api.WorkflowDefinitions;

/// <summary>What a bulk publish did with each definition id; invalid drafts are <c>failed</c>, not refused.</summary>
public sealed record BulkPublishResponse(
    IReadOnlyList<string> Published,
    IReadOnlyList<string> AlreadyPublished,
    IReadOnlyList<string> NotFound,
    IReadOnlyList<string> Failed,
    IReadOnlyList<string> UpdatedConsumers);
