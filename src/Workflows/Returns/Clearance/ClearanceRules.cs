using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Intake;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>Stage 11: whether a line may be released with the exemption, once customs has inspected the goods.</summary>
public static class ClearanceRules
{
    /// <param name="inspected">What the officer found; null keeps the exporter's declared facts.</param>
    /// <param name="declaration">The return declaration filed for the line's export, if any.</param>
    public static LineClearance Assess(ReturnCaseLine line, OriginalStateFacts? inspected, ReturnDeclaration? declaration,
        IEnumerable<EvidenceDocument> documents, CertificateRegistry registry, PolicyTable policies, ReturnsDomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(policies);
        var updated = line with { OriginalState = inspected ?? line.OriginalState, ReturnEntryDate = declaration?.EntryDate ?? line.ReturnEntryDate };
        // E-07, E-08: the original state as inspected, with the evidence for a permitted use.
        var assessment = OriginalStateAssessor.Assess(updated, documents);
        var reasons = assessment.Reasons.ToList();
        // the window is re-evaluated with the actual entry date at clearance.
        if (updated.Eligibility?.PolicyVersionId is { } versionId && policies.Find(versionId) is { } policy)
            reasons.AddRange(ReturnWindow.Check(updated, policy, ReturnDateBasis.Actual, options).Reasons);
        // E-16: the certificate must have passed the cross-check or the paper verification for this very declaration.
        var certificate = declaration is null ? null : registry.Find(declaration.CertificateNo);
        if (certificate is null || certificate.Status != CertificateStatus.Reserved || certificate.ReservedForDeclarationNo != declaration!.ReturnDeclarationNo)
            reasons.Add(ReasonCodes.CertificateNotVerified);
        return new LineClearance(updated with { OriginalStateDecision = assessment.Decision, OriginalStateReasons = assessment.Reasons }, assessment, reasons);
    }
}
