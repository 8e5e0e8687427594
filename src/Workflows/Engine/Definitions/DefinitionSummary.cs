namespace ExportTaxCheck.Engine.Definitions;

/// <summary>A definition version without its JSON, for lists.</summary>
public sealed record DefinitionSummary(string Id, string DefinitionId, string? Name, string? Description, int Version, bool IsLatest, bool IsPublished, DateTimeOffset CreatedAt);
