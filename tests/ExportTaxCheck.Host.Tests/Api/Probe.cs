namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>
/// One generated request. <see cref="MustBeRefused"/>: it has to be answered 4xx (a page: it has to write nothing);
/// otherwise it may succeed and is counted as accepted. <see cref="IsApi"/>: its errors are ProblemDetails; pages answer
/// HTML, and the framework's OpenAPI document endpoint answers an unknown document name in plain text.
/// </summary>
public sealed record Probe(string Family, string Method, string Url, Caller Caller, string Endpoint)
{
    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
    public bool MustBeRefused { get; init; }
    public bool IsApi { get; init; } = true;
    public string What { get; init; } = "";
}
