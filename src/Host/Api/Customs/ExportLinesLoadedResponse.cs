namespace ExportTaxCheck.Host.Api.Customs;

/// <summary>How many export lines the load wrote.</summary>
public sealed record ExportLinesLoadedResponse(int Written);
