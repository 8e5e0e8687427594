using ExportTaxCheck.Engine.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Tasks;

internal sealed class OfficerNotificationConfiguration : IEntityTypeConfiguration<OfficerNotificationRecord>
{
    public void Configure(EntityTypeBuilder<OfficerNotificationRecord> builder)
    {
        builder.ToTable("OfficerNotifications");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Recipient).HasMaxLength(200);
        builder.Property(x => x.RecipientRole).HasMaxLength(64);
        builder.Property(x => x.TaskId).HasMaxLength(64);
        builder.Property(x => x.ReferenceType).HasMaxLength(Reference.MaxTypeLength);
        builder.Property(x => x.ReferenceId).HasMaxLength(Reference.MaxIdLength);
        builder.Property(x => x.Kind).HasMaxLength(32);
        builder.HasIndex(x => new { x.Recipient, x.Id });
        builder.HasIndex(x => new { x.RecipientRole, x.Id });
    }
}
