using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Intake;

namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// Everything the service knows about one case besides its certificates (which live in the registry): the header
/// and lines with their eligibility and make-up, evidence, supplement request, return declarations, cross-checks,
/// transmissions, the clearance outcome and the timeline.
/// </summary>
public sealed record CaseFile
{
    public required ReturnCase Case { get; init; }
    public IReadOnlyList<EvidenceDocument> Documents { get; init; } = [];
    public IReadOnlyList<DocumentFile> Files { get; init; } = [];
    public SupplementRequest? Supplement { get; init; }

    /// <summary>The codes that explain the current status (ineligibility, rejection, refusal).</summary>
    public IReadOnlyList<string> StatusReasons { get; init; } = [];

    /// <summary>Return declarations in the order they were filed; a corrected declaration replaces one with the same certificate.</summary>
    public IReadOnlyList<ReturnDeclaration> Declarations { get; init; } = [];

    /// <summary>Certificate numbers whose declaration was filed or corrected since its last cross-check.</summary>
    public IReadOnlyList<string> UncheckedDeclarations { get; init; } = [];

    public IReadOnlyList<CrossCheckResult> CrossChecks { get; init; } = [];
    public IReadOnlyList<CertificateTransmission> Transmissions { get; init; } = [];

    /// <summary>Paper certificates the exporter submitted after an outage (E-18), by certificate number.</summary>
    public IReadOnlyList<string> PaperSubmissions { get; init; } = [];

    public ClearanceOutcome? Clearance { get; init; }

    /// <summary>Stage 14: VAT or CT was collected at export; the exporter follows the domestic sales-return rules.</summary>
    public bool DomesticTaxCollectedAtExport { get; init; }

    public IReadOnlyList<CaseEvent> Timeline { get; init; } = [];

    /// <summary>Lines still in the case: ineligible lines are split off at screening (§2.4 stage 3).</summary>
    public IEnumerable<ReturnCaseLine> ActiveLines =>
        Case.Lines.Where(l => l.Eligibility?.Outcome != EligibilityOutcome.Ineligible);

    /// <summary>The declarations to check now: the latest one per certificate number.</summary>
    public IReadOnlyList<ReturnDeclaration> CurrentDeclarations =>
        Declarations.GroupBy(d => d.CertificateNo).Select(g => g.Last()).ToList();

    /// <summary>X-09: the refund status per export item of one export document, as tax pushes it to customs.</summary>
    public IReadOnlyDictionary<int, RefundStatus> RefundStatusOf(string exportDocNo) =>
        ActiveLines.Where(l => l.Export.ExportReference == exportDocNo).ToDictionary(l => l.Export.ItemNo, l => l.Refund.Status);

    public CrossCheckResult? LastCheckOf(string certificateNo) => CrossChecks.LastOrDefault(c => c.CertificateNo == certificateNo);
}
