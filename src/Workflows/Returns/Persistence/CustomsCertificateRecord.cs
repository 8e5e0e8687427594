namespace ExportTaxCheck.Returns.Persistence;

/// <summary>The certificate data as customs received it from tax (stage 8); X-01 looks here.</summary>
public sealed class CustomsCertificateRecord
{
    public required string CertificateNo { get; set; }
    public Guid MessageId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string Data { get; set; }
}
