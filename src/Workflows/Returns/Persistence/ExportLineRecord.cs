namespace ExportTaxCheck.Returns.Persistence;

/// <summary>Original export lines and their refund records: the reference data enrichment reads (stage 2).</summary>
public sealed class ExportLineRecord
{
    public required string ExportDocNo { get; set; }
    public int ItemNo { get; set; }
    public required string ExporterUscc { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string Data { get; set; }

    /// <summary>
    /// E-15: a refund declaration and the issuance of a NotRefunded certificate (the refund lock) both bump it, so one of two
    /// that race on a line fails its commit and runs again on what the other wrote.
    /// </summary>
    public long Revision { get; set; }
}
