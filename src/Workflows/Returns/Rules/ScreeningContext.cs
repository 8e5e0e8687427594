namespace ExportTaxCheck.Workflows.Returns.Rules;

/// <summary>What screening one line needs beyond the line itself.</summary>
public sealed record ScreeningContext
{
    /// <summary>E-01: the date the evaluation runs; selects the policy versions in force.</summary>
    public required DateOnly EvaluationDate { get; init; }

    /// <summary>E-10: the case applicant (the exporter, or the principal of an entrusted export).</summary>
    public required string ApplicantUscc { get; init; }

    public bool IsEntrustedExport { get; init; }

    /// <summary>E-11: Σ returned quantity on the same export line over earlier non-rejected cases (and earlier lines of this case).</summary>
    public decimal PreviouslyReturnedQty { get; init; }

    /// <summary>E-10: the consignee on the return declaration once known; null skips the consignee comparison.</summary>
    public string? ReturnConsigneeUscc { get; init; }

    public static ScreeningContext For(ReturnCase returnCase, DateOnly evaluationDate, decimal previouslyReturnedQty = 0, string? returnConsigneeUscc = null) => new()
    {
        EvaluationDate = evaluationDate,
        ApplicantUscc = returnCase.ExporterUscc,
        IsEntrustedExport = returnCase.IsEntrustedExport,
        PreviouslyReturnedQty = previouslyReturnedQty,
        ReturnConsigneeUscc = returnConsigneeUscc,
    };
}

/// <summary>Case-level screening input.</summary>
public sealed record CaseScreeningContext
{
    public required DateOnly EvaluationDate { get; init; }

    /// <summary>E-11: returned quantity per export line over earlier non-rejected cases (this case's own lines are added by the screener).</summary>
    public IReadOnlyDictionary<ExportLineKey, decimal> PreviouslyReturnedQty { get; init; } = new Dictionary<ExportLineKey, decimal>();

    public string? ReturnConsigneeUscc { get; init; }
}

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
