using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Tasks;

internal sealed class TaskCommentConfiguration : IEntityTypeConfiguration<TaskCommentRecord>
{
    public void Configure(EntityTypeBuilder<TaskCommentRecord> builder)
    {
        builder.ToTable("TaskComments");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.TaskId).HasMaxLength(64);
        builder.Property(x => x.Author).HasMaxLength(200);
        builder.Property(x => x.Text).HasMaxLength(4000);
        builder.HasIndex(x => new { x.TaskId, x.Id });
    }
}
