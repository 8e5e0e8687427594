using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Holds;
using ExportTaxCheck.Returns.Intake;

namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// <c>GET /api/cases/{id}</c>: everything an exporter or officer needs to see about one case. <see cref="Certificates"/> are
/// tax's registry, <see cref="CustomsRegistry"/> the built-in customs registry's view of the same certificates. Every
/// command on a case answers it too, as the case stands after the command moved the flow.
/// </summary>
public sealed record CaseView(
    string CaseId, ReturnCaseStatus Status, IReadOnlyList<string> StatusReasons, string ExporterUscc, string ExporterName, string ExporterCustomsCode,
    EnterpriseType EnterpriseType, string CompetentTaxAuthorityCode, string? PolicyVersionId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? WorkflowInstanceId, IReadOnlyList<CaseLineView> Lines, CaseAmounts Amounts, IReadOnlyList<Certificate> Certificates,
    IReadOnlyList<RefundLockView> RefundLocks, SupplementRequest? Supplement, IReadOnlyList<DocumentView> Documents,
    IReadOnlyList<ReturnDeclaration> Declarations, IReadOnlyList<CrossCheckResult> CrossChecks, IReadOnlyList<CertificateTransmission> Transmissions,
    ClearanceOutcome? Clearance, IReadOnlyList<TaskView> Tasks, IReadOnlyList<UsageFeedbackView> UsageFeedback, IReadOnlyList<CaseEvent> Timeline,
    CaseHold? Hold, IReadOnlyList<CaseHold> Holds, RecoveryFlag? Recovery, IReadOnlyList<DeadlineWarning> DeadlineWarnings, IReadOnlyList<StatusUpdateView> StatusUpdates,
    IReadOnlyList<CustomsRegistryView> CustomsRegistry, IReadOnlyList<UsageFeedbackView> CustomsReports, IReadOnlyList<CertificateApplicationRequest> Applications)
{
    /// <summary>The ids of the case's tasks still to be done (open or claimed), oldest first: what a client completes next.</summary>
    public IReadOnlyList<string> OpenTaskIds => Tasks.Where(t => t.Status is HumanTaskStatus.Open or HumanTaskStatus.Claimed).Select(t => t.Id).ToList();
}
