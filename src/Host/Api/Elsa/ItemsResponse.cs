namespace ExportTaxCheck.Host.Api.Elsa;

/// <summary>The answer of the Elsa endpoints that send only <c>{ items }</c>, without a count.</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
