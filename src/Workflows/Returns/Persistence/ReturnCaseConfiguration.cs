using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Returns.Persistence;

internal sealed class ReturnCaseConfiguration : IEntityTypeConfiguration<ReturnCaseRecord>
{
    public void Configure(EntityTypeBuilder<ReturnCaseRecord> builder)
    {
        builder.ToTable("ReturnCases");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(20);
        builder.Property(x => x.ExporterUscc).HasMaxLength(18);
        builder.Property(x => x.ExporterName).HasMaxLength(200);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.PolicyVersionId).HasMaxLength(32);
        builder.Property(x => x.WorkflowInstanceId).HasMaxLength(64);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        // Read through the property: it serializes a case file handed over with WriteLater.
        builder.Property(x => x.Data).UsePropertyAccessMode(PropertyAccessMode.Property);
        builder.HasIndex(x => new { x.ExporterUscc, x.CreatedAt });
        builder.HasIndex(x => new { x.Status, x.CreatedAt });
        builder.HasIndex(x => x.CreatedAt);
    }
}
