namespace ExportTaxCheck.Returns.Intake;

/// <summary>Stage 3 result for the case: lines with their <see cref="EligibilityResult"/> and where the case goes next.</summary>
public sealed record CaseScreening
{
    public required IReadOnlyList<ReturnCaseLine> Lines { get; init; }

    /// <summary><see cref="ReturnCaseStatus.Ineligible"/> when every line is ineligible, else <see cref="ReturnCaseStatus.EvidenceReview"/>.</summary>
    public required ReturnCaseStatus NextStatus { get; init; }

    /// <summary>Ineligible lines of a partly eligible case, to be split off and closed.</summary>
    public IReadOnlyList<int> SplitOffLineNos => Lines.Where(l => l.Eligibility!.Outcome == EligibilityOutcome.Ineligible && NextStatus != ReturnCaseStatus.Ineligible).Select(l => l.LineNo).ToList();

    public IReadOnlyList<int> NeedsReviewLineNos => Lines.Where(l => l.Eligibility!.Outcome == EligibilityOutcome.NeedsReview).Select(l => l.LineNo).ToList();
}
