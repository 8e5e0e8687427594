using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Persistence;

internal sealed class IdempotencyConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyKeys");
        builder.HasKey(x => x.Key);
        builder.Property(x => x.Key).HasMaxLength(300);
        builder.Property(x => x.Operation).HasMaxLength(100);
        builder.Property(x => x.RequestHash).HasMaxLength(64);
        builder.HasIndex(x => x.CreatedAt);
    }
}
