namespace ExportTaxCheck.Returns.Certificates;

/// <summary>§2.3. Applied and UnderReview are the application (§5.5); Issued onwards the certificate (§5.6).</summary>
public enum CertificateStatus
{
    Applied,
    UnderReview,
    Issued,
    Transmitted,
    Reserved,
    Used,
    Cancelled,
    Refused,
}
