using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Notifications;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessageRecord>
{
    public void Configure(EntityTypeBuilder<OutboxMessageRecord> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.MessageId).HasMaxLength(200);
        builder.Property(x => x.Template).HasMaxLength(64);
        builder.Property(x => x.ReferenceType).HasMaxLength(Reference.MaxTypeLength);
        builder.Property(x => x.ReferenceId).HasMaxLength(Reference.MaxIdLength);
        builder.Property(x => x.SendIfStatus).HasMaxLength(32);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        builder.HasIndex(x => x.MessageId).IsUnique();
        builder.HasIndex(x => new { x.Status, x.NextAttemptAt });
        builder.HasIndex(x => new { x.ReferenceType, x.ReferenceId });
    }
}
