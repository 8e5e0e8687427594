using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>A use of a certificate as customs registered it: the declaration released with it and how it was checked.</summary>
public sealed record CustomsUse(string ReturnDeclarationNo, Channel Channel, DateOnly ReleasedOn, DateTimeOffset? ReleasedAt, DateTimeOffset RegisteredAt);
