using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Persistence;

internal sealed class ActivityExecutionConfiguration : IEntityTypeConfiguration<ActivityExecutionRecord>
{
    public void Configure(EntityTypeBuilder<ActivityExecutionRecord> builder)
    {
        builder.ToTable("ActivityExecutions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(80);
        builder.Property(x => x.InstanceId).HasMaxLength(64);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(x => new { x.InstanceId, x.Sequence });
    }
}
