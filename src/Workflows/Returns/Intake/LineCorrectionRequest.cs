namespace ExportTaxCheck.Returns.Intake;

/// <summary>
/// <c>POST /api/cases/{id}/lines/{lineNo}/correction</c>: the exporter corrects a line. <see cref="ReturnedQty"/> answers
/// a QTY_EXCEEDS_EXPORTED screening result (§2.5, "until corrected"); the dates move the line's return window check
/// (E-05/E-06): a new planned entry date, the actual entry date once the goods have entered, and for 1210 goods that
/// re-entered the special area the date they are declared out into 境内区外 (E-06 b).
/// </summary>
public sealed record LineCorrectionRequest
{
    public decimal? ReturnedQty { get; init; }
    public DateOnly? PlannedEntryDate { get; init; }
    public DateOnly? ReturnEntryDate { get; init; }
    public DateOnly? ReturnIntoNonZoneDate { get; init; }
    public ReturnDestination? Destination { get; init; }
}
