namespace ExportTaxCheck.Engine.Http;

/// <summary>A response Elsa.WriteHttpResponse wrote: status, headers, content type and body.</summary>
public sealed record HttpResponseData(int StatusCode, IReadOnlyDictionary<string, string[]> Headers, string? ContentType, byte[] Body);
