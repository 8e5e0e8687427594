using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Tasks;

internal sealed class HumanTaskConfiguration : IEntityTypeConfiguration<HumanTaskRecord>
{
    public void Configure(EntityTypeBuilder<HumanTaskRecord> builder)
    {
        builder.ToTable("HumanTasks");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.InstanceId).HasMaxLength(64);
        builder.Property(x => x.CorrelationId).HasMaxLength(200);
        builder.Property(x => x.CandidateRole).HasMaxLength(64);
        builder.Property(x => x.Assignee).HasMaxLength(200);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        builder.HasIndex(x => new { x.Status, x.CandidateRole, x.DueAt });
        builder.HasIndex(x => new { x.Assignee, x.Status });
        builder.HasIndex(x => x.InstanceId);
        builder.HasIndex(x => x.CorrelationId);
        builder.HasIndex(x => new { x.Status, x.RemindAt });
        builder.HasIndex(x => new { x.Status, x.EscalateAt });
        builder.HasIndex(x => new { x.Status, x.CompletedAt });
    }
}
