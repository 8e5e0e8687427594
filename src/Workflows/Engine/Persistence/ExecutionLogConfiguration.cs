using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Persistence;

internal sealed class ExecutionLogConfiguration : IEntityTypeConfiguration<ExecutionLogRecord>
{
    public void Configure(EntityTypeBuilder<ExecutionLogRecord> builder)
    {
        builder.ToTable("ExecutionLog");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.InstanceId).HasMaxLength(64);
        builder.Property(x => x.ActivityExecutionId).HasMaxLength(80);
        builder.Property(x => x.ParentActivityExecutionId).HasMaxLength(80);
        builder.Property(x => x.EventName).HasMaxLength(64);
        builder.HasIndex(x => new { x.InstanceId, x.Sequence });
    }
}
