namespace ExportTaxCheck.Returns.Certificates;

/// <summary>
/// <c>POST /api/cases/{id}/certificate-applications</c> (§5.5, stage 6): the exporter applies for the certificate of one
/// export document, stating the variant and the refund status (G-40: 尚未申报 / 已冲减 / 已缴回) it applies for. The
/// 数据自检 (V-01..V-15) runs on what is stated here; the system does not choose the variant for the exporter.
/// </summary>
public sealed record CertificateApplicationRequest
{
    /// <summary>The export declaration or list the certificate covers (E-17); may be left out when the case has one.</summary>
    public string? ExportDocNo { get; init; }

    public CertificateVariant? Variant { get; init; }

    public CertificateRefundStatus? RefundStatus { get; init; }

    /// <summary>Set by the service when the application is recorded.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }
}
