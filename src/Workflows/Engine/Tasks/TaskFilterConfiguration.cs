using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Tasks;

internal sealed class TaskFilterConfiguration : IEntityTypeConfiguration<TaskFilterRecord>
{
    public void Configure(EntityTypeBuilder<TaskFilterRecord> builder)
    {
        builder.ToTable("TaskFilters");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Owner).HasMaxLength(200);
        builder.Property(x => x.Name).HasMaxLength(TaskFilters.MaxNameLength);
        builder.Property(x => x.Query).HasMaxLength(TaskFilters.MaxQueryLength);
        builder.HasIndex(x => new { x.Owner, x.Name }).IsUnique();
    }
}
