using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Returns.Persistence;

internal sealed class RefundDeclarationConfiguration : IEntityTypeConfiguration<RefundDeclarationRecord>
{
    public void Configure(EntityTypeBuilder<RefundDeclarationRecord> builder)
    {
        builder.ToTable("RefundDeclarations");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.DeclaredBy).HasMaxLength(200);
        builder.Property(x => x.ExportDocNos).HasMaxLength(4000);
        builder.HasIndex(x => x.DeclaredAt);
    }
}
