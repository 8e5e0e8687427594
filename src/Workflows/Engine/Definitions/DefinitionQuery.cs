namespace ExportTaxCheck.Engine.Definitions;

public sealed record DefinitionQuery(
    string? SearchTerm = null,
    VersionOptions? Versions = null,
    IReadOnlyCollection<string>? DefinitionIds = null,
    IReadOnlyCollection<string>? VersionIds = null,
    bool? IsSystem = null,
    string? OrderBy = null,
    bool Descending = false,
    int Page = 0,
    int PageSize = 50);
