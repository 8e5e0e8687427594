using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Persistence;

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> builder)
    {
        builder.ToTable("Bookmarks");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.InstanceId).HasMaxLength(64);
        builder.Property(x => x.ActivityExecutionId).HasMaxLength(64);
        builder.Property(x => x.Name).HasMaxLength(128);
        builder.Property(x => x.Hash).HasMaxLength(64);
        builder.Property(x => x.CorrelationId).HasMaxLength(200);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(x => new { x.Hash, x.Status });
        builder.HasIndex(x => x.InstanceId);
        // Timers: only active rows with a due time are scanned.
        builder.HasIndex(x => x.DueAt).HasFilter("\"DueAt\" IS NOT NULL AND \"Status\" = 'Active'");
    }
}
