using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Tasks;

internal sealed class TaskAuditConfiguration : IEntityTypeConfiguration<TaskAuditRecord>
{
    public void Configure(EntityTypeBuilder<TaskAuditRecord> builder)
    {
        builder.ToTable("TaskAudit");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.TaskId).HasMaxLength(64);
        builder.Property(x => x.Actor).HasMaxLength(200);
        builder.Property(x => x.Action).HasMaxLength(32);
        builder.HasIndex(x => new { x.TaskId, x.Id });
    }
}
