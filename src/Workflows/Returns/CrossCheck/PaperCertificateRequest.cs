namespace ExportTaxCheck.Returns.CrossCheck;

/// <summary><c>POST /api/cases/{id}/paper-certificates</c>: the exporter hands in the paper certificate after an outage (E-18).</summary>
public sealed record PaperCertificateRequest
{
    public string? CertificateNo { get; init; }
}
