using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Returns.Persistence;

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFileRecord>
{
    public void Configure(EntityTypeBuilder<EvidenceFileRecord> builder)
    {
        builder.ToTable("EvidenceFiles");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.CaseId).HasMaxLength(20);
        builder.Property(x => x.FileName).HasMaxLength(260);
        builder.Property(x => x.ContentType).HasMaxLength(200);
        builder.Property(x => x.Sha256).HasMaxLength(64);
        builder.HasIndex(x => x.CaseId);
    }
}
