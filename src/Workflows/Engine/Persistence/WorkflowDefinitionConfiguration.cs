using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Persistence;

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> builder)
    {
        builder.ToTable("WorkflowDefinitions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.DefinitionId).HasMaxLength(128);
        builder.Property(x => x.Name).HasMaxLength(400);
        builder.Property(x => x.ContentHash).HasMaxLength(64);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        builder.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
        builder.HasIndex(x => new { x.DefinitionId, x.IsLatest });
        builder.HasIndex(x => new { x.DefinitionId, x.IsPublished });
        builder.HasIndex(x => x.Name);
    }
}
