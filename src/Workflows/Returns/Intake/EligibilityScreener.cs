namespace ExportTaxCheck.Returns.Intake;

/// <summary>Stage 3: E-01..E-06 and E-10..E-13 per line. Every failing code is reported, not only the first.</summary>
public sealed class EligibilityScreener(PolicyTable policies, ReturnsDomainOptions options)
{
    public EligibilityScreener() : this(PolicyTable.Default, ReturnsDomainOptions.Default)
    {
    }

    public EligibilityResult Screen(ReturnCaseLine line, ScreeningContext context)
    {
        var reasons = new List<string>();
        var review = new List<string>();
        var export = line.Export;

        // E-01
        var policy = policies.Select(PolicyDate(export), context.EvaluationDate);
        if (policy is null)
            reasons.Add(ReasonCodes.NoPolicyForExportDate);

        // E-02: exact 4-character comparison.
        var codes = policy?.EligibleCodes ?? (IEnumerable<string>)policies.AllEligibleCodes;
        if (!codes.Contains(export.SupervisionCode, StringComparer.Ordinal))
            reasons.Add(ReasonCodes.SupervisionCodeNotEligible);

        // E-03
        bool? isFood = FoodClassifier.Classify(export.HsCode, line.IsFoodOverride, options.FoodList) switch
        {
            FoodClass.Food => true,
            FoodClass.NotFood => false,
            _ => null,
        };
        if (policy?.ExcludesFood ?? true)
        {
            if (isFood == true)
                reasons.Add(ReasonCodes.FoodExcluded);
            else if (isFood is null)
                review.Add(ReasonCodes.FoodNeedsReview);
        }

        // E-04
        if (line.Reason is not (ReturnReason.Unsold or ReturnReason.CustomerReturn))
            reasons.Add(ReasonCodes.ReasonNotEligible);

        // E-05 / E-06 need the version's limit; without a version there is no deadline (W-05).
        ReturnWindowCheck? window = null;
        if (policy is not null)
        {
            window = ReturnWindow.Check(line, policy, ReturnDateBasis.Planned, options);
            reasons.AddRange(window.Reasons);
            review.AddRange(window.ReviewReasons);
        }

        // E-10
        if (!SameEnterprise(export, context))
            reasons.Add(ReasonCodes.EnterpriseMismatch);

        // E-11
        var remaining = export.ExportedQty - context.PreviouslyReturnedQty - Math.Max(line.ReturnedQty, 0);
        if (line.ReturnedQty <= 0)
            review.Add(ReasonCodes.ReturnedQtyNotPositive);
        if (line.ReturnUnitCode != export.LegalUnitCode)
            reasons.Add(ReasonCodes.UnitMismatch);
        if (remaining < 0)
            reasons.Add(ReasonCodes.QtyExceedsExported);

        // E-12: at screening a difference goes to review (it is a mismatch only at the cross-check).
        if (!SameGoods(line))
            review.Add(ReasonCodes.HsMismatch);
        if (!line.GoodsNameDifferenceAccepted && !GoodsNames.AreConsistent(export.GoodsName, line.ReturnGoodsName ?? export.GoodsName))
            review.Add(ReasonCodes.GoodsNameMismatch);

        // E-13
        if (export.DocStatus != ExportDocStatus.Released || !export.HasExportCompletionData)
            reasons.Add(ReasonCodes.ExportDocInvalid);

        return new EligibilityResult
        {
            Outcome = reasons.Count > 0 ? EligibilityOutcome.Ineligible
                : review.Count > 0 ? EligibilityOutcome.NeedsReview
                : EligibilityOutcome.Eligible,
            Reasons = reasons,
            ReviewReasons = review.Distinct().ToList(),
            PolicyVersionId = policy?.Id,
            ClockStart = window?.ClockStart,
            Deadline = window?.Deadline,
            IsFood = isFood,
            RemainingReturnableQty = Math.Max(remaining, 0),
        };
    }

    /// <summary>
    /// Screens every line, adding earlier lines of the same case on the same export line to the E-11 sum, and
    /// decides where the case goes: Ineligible when every line is, otherwise on to evidence review.
    /// </summary>
    public CaseScreening ScreenCase(ReturnCase returnCase, CaseScreeningContext context)
    {
        var returnedSoFar = new Dictionary<ExportLineKey, decimal>(context.PreviouslyReturnedQty);
        var lines = new List<ReturnCaseLine>();
        foreach (var line in returnCase.Lines.OrderBy(l => l.LineNo))
        {
            var key = line.Export.Key;
            var previous = returnedSoFar.GetValueOrDefault(key);
            var result = Screen(line, ScreeningContext.For(returnCase, context.EvaluationDate, previous, context.ReturnConsigneeUscc));
            returnedSoFar[key] = previous + Math.Max(line.ReturnedQty, 0);
            lines.Add(line with { Eligibility = result });
        }

        var allIneligible = lines.Count > 0 && lines.All(l => l.Eligibility!.Outcome == EligibilityOutcome.Ineligible);
        var correctable = lines.Any(l => CaseScreening.IsCorrectable(l.Eligibility!));
        return new CaseScreening
        {
            Lines = lines,
            NextStatus = correctable ? ReturnCaseStatus.CorrectionRequired : allIneligible ? ReturnCaseStatus.Ineligible : ReturnCaseStatus.EvidenceReview,
        };
    }

    /// <summary>A-01: the declaration date; for list mode the list's date unless configured to use the summary declaration.</summary>
    public DateOnly PolicyDate(ExportLineSnapshot export) =>
        export.DocType == ExportDocType.List && options.UseSummaryDeclarationDateForLists && export.SummaryDeclarationDate is { } summary
            ? summary
            : export.DeclarationDate;

    // E-10, A-19: the applicant is the exporter (principal) of the original declaration; the consignee may also be
    // the agent named on it for an entrusted export.
    private static bool SameEnterprise(ExportLineSnapshot export, ScreeningContext context)
    {
        if (context.ApplicantUscc != export.ExporterUscc)
            return false;
        if (context.ReturnConsigneeUscc is not { } consignee)
            return true;
        return consignee == export.ExporterUscc
            || (context.IsEntrustedExport && export.AgentUscc is not null && consignee == export.AgentUscc);
    }

    private bool SameGoods(ReturnCaseLine line)
    {
        var returnHs = line.ReturnHsCode ?? line.Export.HsCode;
        return returnHs == line.Export.HsCode
            || line.HsDifferenceAccepted
            || options.HsCorrespondences.Any(c => c.Maps(line.Export.HsCode, returnHs, line.Export.DeclarationDate, line.EffectiveEntryDate));
    }
}
