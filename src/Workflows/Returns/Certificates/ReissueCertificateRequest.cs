namespace ExportTaxCheck.Returns.Certificates;

public sealed record ReissueCertificateRequest
{
    public string? Reason { get; init; }
}
