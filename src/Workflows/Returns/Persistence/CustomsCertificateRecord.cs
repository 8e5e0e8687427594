namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// The customs registry: a certificate as customs holds it (<see cref="CustomsGateway.CustomsCertificate"/> in
/// <see cref="Data"/>), apart from the tax registry (<see cref="CertificateRecord"/>). X-01 looks here; only the customs end
/// writes it.
/// </summary>
public sealed class CustomsCertificateRecord
{
    public required string CertificateNo { get; set; }
    public Guid MessageId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string Data { get; set; }

    /// <summary>Customs' own status (Transmitted, Reserved, Used, Cancelled), kept beside the data for queries.</summary>
    public string Status { get; set; } = "Transmitted";

    /// <summary>Two checks or reports on one certificate at once: one of them commits, the other evaluates again.</summary>
    public long Revision { get; set; }
}
