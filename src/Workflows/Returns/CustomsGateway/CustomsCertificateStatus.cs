namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>A certificate's status in the customs registry (§2.3 from customs' side: it never sees Applied or UnderReview).</summary>
public enum CustomsCertificateStatus
{
    Transmitted,
    Reserved,
    Used,
    Cancelled,
}
