using ExportTaxCheck.Returns.Evidence;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>E-07/E-08: the customs officer's recorded facts turned into Original / NotOriginal with every sub-reason.</summary>
public static class OriginalStateAssessor
{
    /// <summary>E-07 permitted handling; A-08 treats repacking into the same packaging type as unpacking.</summary>
    public static IReadOnlySet<Handling> PermittedHandling { get; } = new HashSet<Handling>
    {
        Handling.Unpacked, Handling.Inspected, Handling.LabTested, Handling.Installed, Handling.Debugged, Handling.RepackedSameType,
    };

    /// <summary>E-08: the evidence each trial-use exception needs; null for <see cref="UsageException.None"/>.</summary>
    public static EvidenceType? RequiredEvidence(UsageException exception) => exception switch
    {
        UsageException.DefectOnlyFoundAfterTrial => EvidenceType.QualityDefectEvidence,
        UsageException.CustomerReturnedAfterTrial => EvidenceType.TrialReturnEvidence,
        _ => null,
    };

    /// <summary>E-08 evidence is present when a document of the required type covers the line.</summary>
    public static bool HasUsageEvidence(int lineNo, UsageException exception, IEnumerable<EvidenceDocument> documents) =>
        RequiredEvidence(exception) is { } type && documents.Any(d => d.Type == type && d.Covers(lineNo));

    public static OriginalStateAssessment Assess(ReturnCaseLine line, IEnumerable<EvidenceDocument> documents) =>
        Assess(line.OriginalState, HasUsageEvidence(line.LineNo, line.OriginalState.UsageException, documents));

    public static OriginalStateAssessment Assess(OriginalStateFacts facts, bool usageEvidencePresent)
    {
        var reasons = new List<string>();

        // E-07
        if (!facts.FormBasicallySame)
            reasons.Add(ReasonCodes.OriginalStateFailedFormChanged);
        if (facts.AccessoriesOrPartsAdded)
            reasons.Add(ReasonCodes.OriginalStateFailedAccessoriesAdded);
        // rebranding, bundling and the like are modification.
        if (facts.ProcessedOrModified || facts.HandlingPerformed.Any(h => !PermittedHandling.Contains(h)))
            reasons.Add(ReasonCodes.OriginalStateFailedProcessedOrModified);

        // E-08
        if (facts.Used && (facts.UsageException == UsageException.None || !usageEvidencePresent))
            reasons.Add(ReasonCodes.OriginalStateFailedUsedWithoutException);

        return new OriginalStateAssessment(reasons.Count == 0 ? OriginalStateDecision.Original : OriginalStateDecision.NotOriginal, reasons);
    }
}
