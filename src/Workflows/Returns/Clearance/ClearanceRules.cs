using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Intake;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>Stage 11: whether a line may be released with the exemption, once customs has inspected the goods.</summary>
public static class ClearanceRules
{
    /// <param name="inspected">What the officer found; null keeps the exporter's declared facts.</param>
    /// <param name="declaration">The return declaration filed for the line's export, if any.</param>
    /// <param name="lastCheck">The last cross-check (or paper verification) of that declaration with its certificate.</param>
    /// <param name="refundStatusPushedSince">X-09: tax pushed a new refund status for the certificate after that check.</param>
    /// <param name="actualEntryDate">A-05: the entry date customs found, when it differs from the declaration's.</param>
    public static LineClearance Assess(ReturnCaseLine line, OriginalStateFacts? inspected, ReturnDeclaration? declaration, CrossCheckResult? lastCheck,
        bool refundStatusPushedSince, IEnumerable<EvidenceDocument> documents, PolicyTable policies, ReturnsDomainOptions options, DateOnly? actualEntryDate = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(policies);
        var updated = line with { OriginalState = inspected ?? line.OriginalState, ReturnEntryDate = actualEntryDate ?? declaration?.EntryDate ?? line.ReturnEntryDate };
        // E-07, E-08: the original state as inspected, with the evidence for a permitted use.
        var assessment = OriginalStateAssessor.Assess(updated, documents);
        var reasons = assessment.Reasons.ToList();
        // the window is re-evaluated with the actual entry date at clearance.
        if (updated.Eligibility?.PolicyVersionId is { } versionId && policies.Find(versionId) is { } policy)
            reasons.AddRange(ReturnWindow.Check(updated, policy, ReturnDateBasis.Actual, options).Reasons);
        // E-16: the certificate must have passed the cross-check or the paper verification for this very declaration.
        if (declaration is null || lastCheck is not { Result: CrossCheckOutcome.Matched })
            reasons.Add(ReasonCodes.CertificateNotVerified);
        // a refund processed after the match makes the certificate's variant inconsistent; no exemption on it.
        else if (refundStatusPushedSince)
            reasons.Add(ReasonCodes.VariantStatusInconsistent);
        return new LineClearance(updated with { OriginalStateDecision = assessment.Decision, OriginalStateReasons = assessment.Reasons }, assessment, reasons);
    }

    /// <summary>The codes that mean the certificate cannot carry the exemption (the case goes back to correction, not to an end).</summary>
    public static bool IsCertificateCode(string code) => code is ReasonCodes.CertificateNotVerified or ReasonCodes.VariantStatusInconsistent;

    /// <summary>E-05/E-06 at stage 11: a late entry or goods not in 境内区外 make the line ineligible, which is no original-state failure.</summary>
    public static bool IsWindowCode(string code) => code is ReasonCodes.ReturnWindowExceeded or ReasonCodes.NotReturnedToNonZone;
}
