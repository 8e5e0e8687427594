namespace ExportTaxCheck.Returns.Persistence;

/// <summary>Original export lines and their refund records: the reference data enrichment reads (stage 2).</summary>
public sealed class ExportLineRecord
{
    public required string ExportDocNo { get; set; }
    public int ItemNo { get; set; }
    public required string ExporterUscc { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string Data { get; set; }
}
