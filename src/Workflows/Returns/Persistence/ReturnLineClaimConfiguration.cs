using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Returns.Persistence;

internal sealed class ReturnLineClaimConfiguration : IEntityTypeConfiguration<ReturnLineClaimRecord>
{
    public void Configure(EntityTypeBuilder<ReturnLineClaimRecord> builder)
    {
        builder.ToTable("ReturnLineClaims");
        builder.HasKey(x => new { x.CaseId, x.LineNo });
        builder.Property(x => x.CaseId).HasMaxLength(20);
        builder.Property(x => x.ExportDocNo).HasMaxLength(32);
        builder.Property(x => x.ReturnedQty).HasPrecision(19, 5);
        builder.Property(x => x.MakeUpVat).HasPrecision(18, 2);
        builder.Property(x => x.MakeUpCt).HasPrecision(18, 2);
        builder.Property(x => x.FobCnyReturned).HasPrecision(18, 2);
        builder.Property(x => x.ExportDutyRefund).HasPrecision(18, 2);
        builder.HasIndex(x => new { x.ExportDocNo, x.ExportItemNo });
    }
}
