using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Persistence;

internal sealed class TriggerConfiguration : IEntityTypeConfiguration<TriggerRecord>
{
    public void Configure(EntityTypeBuilder<TriggerRecord> builder)
    {
        builder.ToTable("Triggers");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.DefinitionId).HasMaxLength(128);
        builder.Property(x => x.Hash).HasMaxLength(64);
        builder.HasIndex(x => x.Hash);
        builder.HasIndex(x => x.DefinitionId);
        builder.HasIndex(x => x.NextDueAt);
    }
}
