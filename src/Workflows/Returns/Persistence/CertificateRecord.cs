using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>A certificate (application to use) in the tax authority's registry (§2.3, §5.5, §5.6).</summary>
public sealed class CertificateRecord
{
    public required string Id { get; set; }
    public string? CertificateNo { get; set; }
    public required string CaseId { get; set; }
    public required string ExportDocNo { get; set; }
    public CertificateStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Revision { get; set; }
    public required string Data { get; set; }

    /// <summary>When tax received customs' usage feedback (§5.10) for this certificate.</summary>
    public DateTimeOffset? UsageReportedAt { get; set; }
}
