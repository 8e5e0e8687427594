using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Returns.Persistence;

internal sealed class CustomsCertificateConfiguration : IEntityTypeConfiguration<CustomsCertificateRecord>
{
    public void Configure(EntityTypeBuilder<CustomsCertificateRecord> builder)
    {
        builder.ToTable("CustomsCertificates");
        builder.HasKey(x => x.CertificateNo);
        builder.Property(x => x.CertificateNo).HasMaxLength(32);
        builder.Property(x => x.Status).HasMaxLength(16);
        builder.Property(x => x.Revision).IsConcurrencyToken();
    }
}
