namespace ExportTaxCheck.Engine.Tasks;

/// <summary>A saved inbox filter as lists and the API show it; <see cref="Query"/> is the inbox query string it applies.</summary>
public sealed record SavedTaskFilter(long Id, string Name, string Query, DateTimeOffset UpdatedAt);
