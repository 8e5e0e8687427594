using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Persistence;

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.DefinitionId).HasMaxLength(128);
        builder.Property(x => x.DefinitionVersionId).HasMaxLength(64);
        builder.Property(x => x.CorrelationId).HasMaxLength(200);
        builder.Property(x => x.Name).HasMaxLength(400);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        builder.HasIndex(x => new { x.Status, x.UpdatedAt });
        builder.HasIndex(x => new { x.DefinitionId, x.Status });
        builder.HasIndex(x => x.CorrelationId);
        builder.HasIndex(x => x.CreatedAt);
    }
}
