using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Persistence;

internal sealed class PendingEventConfiguration : IEntityTypeConfiguration<PendingEventRecord>
{
    public void Configure(EntityTypeBuilder<PendingEventRecord> builder)
    {
        builder.ToTable("PendingEvents");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.HasIndex(x => x.ProcessedAt);
    }
}
