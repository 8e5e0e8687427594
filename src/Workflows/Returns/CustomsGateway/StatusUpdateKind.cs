namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>What a <see cref="CertificateStatusUpdate"/> tells customs.</summary>
public enum StatusUpdateKind
{
    /// <summary>X-09: the refund status of the export lines the certificate covers changed (a refund was processed).</summary>
    RefundStatus,

    /// <summary>E-19: tax cancelled the certificate (作废), or the case it belongs to was withdrawn.</summary>
    Cancellation,
}
