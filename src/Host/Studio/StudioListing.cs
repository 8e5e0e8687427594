namespace ExportTaxCheck.Host.Studio;

/// <summary>The rows shown, and how many definitions there are in all.</summary>
public sealed record StudioListing(IReadOnlyList<StudioListRow> Rows, long Total);
