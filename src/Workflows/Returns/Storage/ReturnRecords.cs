using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Workflows.Returns.Storage;

/// <summary>
/// A return case: the columns lists filter and sort on, and the case file (lines, evidence, amounts, declarations,
/// checks, timeline) as JSON, so a list never reads the file.
/// </summary>
public sealed class ReturnCaseRecord
{
    public required string Id { get; set; }
    public required string ExporterUscc { get; set; }
    public required string ExporterName { get; set; }
    public ReturnCaseStatus Status { get; set; }
    public string? PolicyVersionId { get; set; }
    public string? WorkflowInstanceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Revision { get; set; }
    public required string Data { get; set; }
}

/// <summary>
/// E-11 and C-03/C-05/C-07: one returned line of a case against its original export line, with the make-up and
/// refund shares already taken, so a later return on the same line computes its cumulative share.
/// </summary>
public sealed class ReturnLineClaimRecord
{
    public required string CaseId { get; set; }
    public int LineNo { get; set; }
    public required string ExportDocNo { get; set; }
    public int ExportItemNo { get; set; }
    public decimal ReturnedQty { get; set; }

    /// <summary>False once the case ended without a return (ineligible, rejected, refused, withdrawn).</summary>
    public bool Counts { get; set; } = true;

    public decimal? MakeUpVat { get; set; }
    public decimal? MakeUpCt { get; set; }
    public decimal? FobCnyReturned { get; set; }
    public decimal? ExportDutyRefund { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The bytes of an uploaded evidence document; its metadata lives in the case file.</summary>
public sealed class EvidenceFileRecord
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>A certificate (application to use) in the tax authority's registry (§2.3, §5.5, §5.6).</summary>
public sealed class CertificateRecord
{
    public required string Id { get; set; }
    public string? CertificateNo { get; set; }
    public required string CaseId { get; set; }
    public required string ExportDocNo { get; set; }
    public Certificates.CertificateStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Revision { get; set; }
    public required string Data { get; set; }

    /// <summary>When tax received customs' usage feedback (§5.10) for this certificate.</summary>
    public DateTimeOffset? UsageReportedAt { get; set; }
}

/// <summary>The certificate data as customs received it from tax (stage 8); X-01 looks here.</summary>
public sealed class CustomsCertificateRecord
{
    public required string CertificateNo { get; set; }
    public Guid MessageId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string Data { get; set; }
}

/// <summary>Original export lines and their refund records: the reference data enrichment reads (stage 2).</summary>
public sealed class ExportLineRecord
{
    public required string ExportDocNo { get; set; }
    public int ItemNo { get; set; }
    public required string ExporterUscc { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string Data { get; set; }
}

public enum FeedbackStatus
{
    Pending,
    Delivered,
}

/// <summary>Usage feedback waiting to reach tax (stage 12): written with the release, sent after commit, retried until delivered.</summary>
public sealed class UsageFeedbackRecord
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string CertificateNo { get; set; }
    public required string ReturnDeclarationNo { get; set; }
    public FeedbackStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    public required string Data { get; set; }
}

/// <summary>Named counters for case and certificate numbers.</summary>
public sealed class SequenceRecord
{
    public required string Name { get; set; }
    public long Value { get; set; }
}

public static class ReturnsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReturnCaseRecord>(e =>
        {
            e.ToTable("ReturnCases");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(20);
            e.Property(x => x.ExporterUscc).HasMaxLength(18);
            e.Property(x => x.ExporterName).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.PolicyVersionId).HasMaxLength(32);
            e.Property(x => x.WorkflowInstanceId).HasMaxLength(64);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.ExporterUscc, x.CreatedAt });
            e.HasIndex(x => new { x.Status, x.CreatedAt });
            e.HasIndex(x => x.CreatedAt);
        });

        modelBuilder.Entity<ReturnLineClaimRecord>(e =>
        {
            e.ToTable("ReturnLineClaims");
            e.HasKey(x => new { x.CaseId, x.LineNo });
            e.Property(x => x.CaseId).HasMaxLength(20);
            e.Property(x => x.ExportDocNo).HasMaxLength(32);
            e.Property(x => x.ReturnedQty).HasPrecision(19, 5);
            e.Property(x => x.MakeUpVat).HasPrecision(18, 2);
            e.Property(x => x.MakeUpCt).HasPrecision(18, 2);
            e.Property(x => x.FobCnyReturned).HasPrecision(18, 2);
            e.Property(x => x.ExportDutyRefund).HasPrecision(18, 2);
            e.HasIndex(x => new { x.ExportDocNo, x.ExportItemNo });
        });

        modelBuilder.Entity<EvidenceFileRecord>(e =>
        {
            e.ToTable("EvidenceFiles");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.CaseId).HasMaxLength(20);
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasIndex(x => x.CaseId);
        });

        modelBuilder.Entity<CertificateRecord>(e =>
        {
            e.ToTable("Certificates");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.CertificateNo).HasMaxLength(32);
            e.Property(x => x.CaseId).HasMaxLength(20);
            e.Property(x => x.ExportDocNo).HasMaxLength(32);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => x.CertificateNo).IsUnique();
            e.HasIndex(x => x.ExportDocNo);
            e.HasIndex(x => x.CaseId);
        });

        modelBuilder.Entity<CustomsCertificateRecord>(e =>
        {
            e.ToTable("CustomsCertificates");
            e.HasKey(x => x.CertificateNo);
            e.Property(x => x.CertificateNo).HasMaxLength(32);
        });

        modelBuilder.Entity<ExportLineRecord>(e =>
        {
            e.ToTable("ExportLines");
            e.HasKey(x => new { x.ExportDocNo, x.ItemNo });
            e.Property(x => x.ExportDocNo).HasMaxLength(32);
            e.Property(x => x.ExporterUscc).HasMaxLength(18);
            e.HasIndex(x => x.ExporterUscc);
        });

        modelBuilder.Entity<UsageFeedbackRecord>(e =>
        {
            e.ToTable("UsageFeedback");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.CaseId).HasMaxLength(20);
            e.Property(x => x.CertificateNo).HasMaxLength(32);
            e.Property(x => x.ReturnDeclarationNo).HasMaxLength(18);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => x.CaseId);
        });

        modelBuilder.Entity<SequenceRecord>(e =>
        {
            e.ToTable("Sequences");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
        });
    }
}
