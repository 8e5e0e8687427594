using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Evidence;

namespace ExportTaxCheck.Returns.Case;

/// <summary><c>GET /api/cases/{id}</c>: everything an exporter or officer needs to see about one case.</summary>
public sealed record CaseView(
    string CaseId, ReturnCaseStatus Status, IReadOnlyList<string> StatusReasons, string ExporterUscc, string ExporterName, string ExporterCustomsCode,
    EnterpriseType EnterpriseType, string CompetentTaxAuthorityCode, string? PolicyVersionId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? WorkflowInstanceId, IReadOnlyList<CaseLineView> Lines, CaseAmounts Amounts, IReadOnlyList<Certificate> Certificates,
    IReadOnlyList<RefundLockView> RefundLocks, SupplementRequest? Supplement, IReadOnlyList<DocumentView> Documents,
    IReadOnlyList<ReturnDeclaration> Declarations, IReadOnlyList<CrossCheckResult> CrossChecks, IReadOnlyList<CertificateTransmission> Transmissions,
    ClearanceOutcome? Clearance, IReadOnlyList<TaskView> Tasks, IReadOnlyList<UsageFeedbackView> UsageFeedback, IReadOnlyList<CaseEvent> Timeline);
