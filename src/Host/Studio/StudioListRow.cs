namespace ExportTaxCheck.Host.Studio;

/// <summary>A definition as the list shows it: its latest version and the version new instances use.</summary>
public sealed record StudioListRow(DefinitionSummary Latest, int? PublishedVersion);
