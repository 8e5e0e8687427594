namespace ExportTaxCheck.Returns.Intake;

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
