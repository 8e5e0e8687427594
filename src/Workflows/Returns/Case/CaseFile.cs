using System.Text.Json.Serialization;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Holds;
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

    /// <summary>§5.5: the exporter's certificate applications (variant and refund status as stated), by export document, not yet taken up.</summary>
    public IReadOnlyList<CertificateApplicationRequest> Applications { get; init; } = [];

    /// <summary>E-21, stage 12: every hold of the case, the standing one last.</summary>
    public IReadOnlyList<CaseHold> Holds { get; init; } = [];

    /// <summary>Stage 12: the exemption granted is to be recovered (the certificate was used twice).</summary>
    public RecoveryFlag? Recovery { get; init; }

    // Derived from the fields above: not stored with them (each was a second copy of what the file already holds).
    [JsonIgnore]
    public CaseHold? CurrentHold => Holds.LastOrDefault(h => h.IsActive);

    /// <summary>Lines still in the case: ineligible lines are split off at screening (§2.4 stage 3).</summary>
    [JsonIgnore]
    public IEnumerable<ReturnCaseLine> ActiveLines =>
        Case.Lines.Where(l => l.Eligibility?.Outcome != EligibilityOutcome.Ineligible);

    /// <summary>The declarations to check now: the latest one per certificate number.</summary>
    [JsonIgnore]
    public IReadOnlyList<ReturnDeclaration> CurrentDeclarations =>
        Declarations.GroupBy(d => d.CertificateNo).Select(g => g.Last()).ToList();

    public CrossCheckResult? LastCheckOf(string certificateNo) => CrossChecks.LastOrDefault(c => c.CertificateNo == certificateNo);

    /// <summary>The last check of one declaration with one certificate (E-16 asks for it to be Matched).</summary>
    public CrossCheckResult? LastCheckOf(ReturnDeclaration declaration) =>
        CrossChecks.LastOrDefault(c => c.CertificateNo == declaration.CertificateNo && c.ReturnDeclarationNo == declaration.ReturnDeclarationNo);
}
