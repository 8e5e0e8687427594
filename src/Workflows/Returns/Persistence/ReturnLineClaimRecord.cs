namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// E-11 and C-03/C-05/C-07: one returned line of a case against its original export line, with the make-up and
/// refund shares already taken, so a later return on the same line computes its cumulative share.
/// </summary>
public sealed class ReturnLineClaimRecord
{
    public required string CaseId { get; set; }
    public int LineNo { get; set; }
    public required string ExportDocNo { get; set; }
    public int ExportItemNo { get; set; }
    public decimal ReturnedQty { get; set; }

    /// <summary>False once the case ended without a return (ineligible, rejected, refused, withdrawn).</summary>
    public bool Counts { get; set; } = true;

    public decimal? MakeUpVat { get; set; }
    public decimal? MakeUpCt { get; set; }
    public decimal? FobCnyReturned { get; set; }
    public decimal? ExportDutyRefund { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
