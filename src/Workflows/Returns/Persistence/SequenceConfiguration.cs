using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Returns.Persistence;

internal sealed class SequenceConfiguration : IEntityTypeConfiguration<SequenceRecord>
{
    public void Configure(EntityTypeBuilder<SequenceRecord> builder)
    {
        builder.ToTable("Sequences");
        builder.HasKey(x => x.Name);
        builder.Property(x => x.Name).HasMaxLength(64);
    }
}
