using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Returns.Persistence;

internal sealed class UsageFeedbackConfiguration : IEntityTypeConfiguration<UsageFeedbackRecord>
{
    public void Configure(EntityTypeBuilder<UsageFeedbackRecord> builder)
    {
        builder.ToTable("UsageFeedback");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.CaseId).HasMaxLength(20);
        builder.Property(x => x.CertificateNo).HasMaxLength(32);
        builder.Property(x => x.ReturnDeclarationNo).HasMaxLength(18);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(x => new { x.Status, x.NextAttemptAt });
        builder.HasIndex(x => x.CaseId);
    }
}
