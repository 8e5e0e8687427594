using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Intake;

namespace ExportTaxCheck.Returns.Evidence;

/// <summary>E-09 evidence completeness (stage 4 system pre-check).</summary>
public static class EvidenceChecker
{
    private static readonly EvidenceType[] ReturnEvidence =
    [
        EvidenceType.PlatformReturnRecord, EvidenceType.PlatformRejectionRecord, EvidenceType.ReturnAgreement, EvidenceType.OtherReturnEvidence,
    ];

    /// <summary>
    /// Checks the lines still in the case (ineligible lines are split off) against <paramref name="documents"/>.
    /// Gaps come per line in line order, then the attestation.
    /// </summary>
    public static EvidenceCheck Check(ReturnCase returnCase, IReadOnlyCollection<EvidenceDocument> documents)
    {
        var gaps = new List<EvidenceGap>();
        var awaiting = new List<Guid>();
        foreach (var line in returnCase.Lines.Where(l => l.Eligibility?.Outcome != EligibilityOutcome.Ineligible).OrderBy(l => l.LineNo))
        {
            var covering = documents.Where(d => d.Covers(line.LineNo)).ToList();

            if (!covering.Any(d => d.Type is EvidenceType.ExportDeclaration or EvidenceType.ExportList && NamesExportOf(d, line)))
                gaps.Add(new EvidenceGap(ReasonCodes.EvidenceIncompleteMissingExportDoc, line.LineNo));

            if (line.Reason == ReturnReason.Unsold && !covering.Any(d => IsValidSelfDeclaration(d, line)))
                gaps.Add(new EvidenceGap(ReasonCodes.EvidenceIncompleteMissingSelfDeclaration, line.LineNo));

            if (line.Reason == ReturnReason.CustomerReturn)
            {
                var returnDocs = covering.Where(d => ReturnEvidence.Contains(d.Type)).ToList();
                // "等材料": other evidence counts only once the officer accepts it.
                awaiting.AddRange(returnDocs.Where(d => d.Type == EvidenceType.OtherReturnEvidence && d.OfficerAccepted is null).Select(d => d.DocId));
                if (!returnDocs.Any(d => d.Type != EvidenceType.OtherReturnEvidence || d.OfficerAccepted == true))
                    gaps.Add(new EvidenceGap(ReasonCodes.EvidenceIncompleteMissingReturnEvidence, line.LineNo));
            }

            // Stage 4: claimed trial use needs defect or trial-return evidence (E-08).
            var facts = line.OriginalState;
            if (facts.Used && facts.UsageException != UsageException.None
                && !OriginalStateAssessor.HasUsageEvidence(line.LineNo, facts.UsageException, covering))
                gaps.Add(new EvidenceGap(ReasonCodes.EvidenceIncompleteMissingTrialUseEvidence, line.LineNo));
        }

        if (!returnCase.AttestationAccepted)
            gaps.Add(new EvidenceGap(ReasonCodes.EvidenceIncompleteMissingAttestation, null));

        return new EvidenceCheck { Gaps = gaps, AwaitingOfficerAcceptance = awaiting.Distinct().ToList() };
    }

    private static bool NamesExportOf(EvidenceDocument document, ReturnCaseLine line) =>
        document.ExportReferences.Any(r => r == line.Export.DeclarationNo || r == line.Export.ListNo);

    // E-09: names the export reference and a quantity ≥ the returned quantity; §5.3: signed.
    private static bool IsValidSelfDeclaration(EvidenceDocument document, ReturnCaseLine line) =>
        document.Type == EvidenceType.SelfDeclaration
        && !string.IsNullOrWhiteSpace(document.SignedBy)
        && NamesExportOf(document, line)
        && document.StatedQuantities.Any(q => q.LineNo == line.LineNo && q.Qty >= line.ReturnedQty);
}
