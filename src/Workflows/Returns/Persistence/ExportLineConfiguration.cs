using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Returns.Persistence;

internal sealed class ExportLineConfiguration : IEntityTypeConfiguration<ExportLineRecord>
{
    public void Configure(EntityTypeBuilder<ExportLineRecord> builder)
    {
        builder.ToTable("ExportLines");
        builder.HasKey(x => new { x.ExportDocNo, x.ItemNo });
        builder.Property(x => x.ExportDocNo).HasMaxLength(32);
        builder.Property(x => x.ExporterUscc).HasMaxLength(18);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        builder.HasIndex(x => x.ExporterUscc);
    }
}
