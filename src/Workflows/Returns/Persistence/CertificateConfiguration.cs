using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Returns.Persistence;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<CertificateRecord>
{
    public void Configure(EntityTypeBuilder<CertificateRecord> builder)
    {
        builder.ToTable("Certificates");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.CertificateNo).HasMaxLength(32);
        builder.Property(x => x.CaseId).HasMaxLength(20);
        builder.Property(x => x.ExportDocNo).HasMaxLength(32);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        builder.HasIndex(x => x.CertificateNo).IsUnique();
        builder.HasIndex(x => x.ExportDocNo);
        builder.HasIndex(x => x.CaseId);
    }
}
