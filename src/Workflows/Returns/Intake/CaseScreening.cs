namespace ExportTaxCheck.Returns.Intake;

/// <summary>Stage 3 result for the case: lines with their <see cref="EligibilityResult"/> and where the case goes next.</summary>
public sealed record CaseScreening
{
    public required IReadOnlyList<ReturnCaseLine> Lines { get; init; }

    /// <summary>
    /// <see cref="ReturnCaseStatus.CorrectionRequired"/> when a line is ineligible only for what the exporter can correct
    /// (§2.5: QTY_EXCEEDS_EXPORTED "until corrected"), else <see cref="ReturnCaseStatus.Ineligible"/> when every line is
    /// ineligible, else <see cref="ReturnCaseStatus.EvidenceReview"/>.
    /// </summary>
    public required ReturnCaseStatus NextStatus { get; init; }

    /// <summary>Lines ineligible only for a correctable code: the case waits for the exporter's correction.</summary>
    public IReadOnlyList<int> CorrectableLineNos => Lines.Where(l => IsCorrectable(l.Eligibility!)).Select(l => l.LineNo).ToList();

    /// <summary>§2.5: QTY_EXCEEDS_EXPORTED is ineligible "until corrected"; a line that fails anything else stays ineligible.</summary>
    public static bool IsCorrectable(EligibilityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome == EligibilityOutcome.Ineligible && result.Reasons.Count > 0 && result.Reasons.All(r => r == ReasonCodes.QtyExceedsExported);
    }

    /// <summary>Ineligible lines of a partly eligible case, to be split off and closed.</summary>
    public IReadOnlyList<int> SplitOffLineNos => Lines.Where(l => l.Eligibility!.Outcome == EligibilityOutcome.Ineligible && !IsCorrectable(l.Eligibility)
                                                                   && NextStatus != ReturnCaseStatus.Ineligible).Select(l => l.LineNo).ToList();

    public IReadOnlyList<int> NeedsReviewLineNos => Lines.Where(l => l.Eligibility!.Outcome == EligibilityOutcome.NeedsReview).Select(l => l.LineNo).ToList();
}
