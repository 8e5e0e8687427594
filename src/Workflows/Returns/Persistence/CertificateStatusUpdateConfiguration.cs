using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Returns.Persistence;

internal sealed class CertificateStatusUpdateConfiguration : IEntityTypeConfiguration<CertificateStatusUpdateRecord>
{
    public void Configure(EntityTypeBuilder<CertificateStatusUpdateRecord> builder)
    {
        builder.ToTable("CertificateStatusUpdates");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.CertificateNo).HasMaxLength(32);
        builder.Property(x => x.CaseId).HasMaxLength(20);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.LastError).HasMaxLength(1000);
        builder.HasIndex(x => new { x.Status, x.NextAttemptAt });
        builder.HasIndex(x => x.CertificateNo);
        builder.HasIndex(x => x.CaseId);
    }
}
