namespace ExportTaxCheck.Returns.Case;

/// <summary>The case states of §2.2, plus <see cref="Withdrawn"/>.</summary>
public enum ReturnCaseStatus
{
    Draft,
    Submitted,
    Screening,
    Ineligible,
    EvidenceReview,
    SupplementRequested,
    RejectedEvidence,
    RefundStatusCheck,
    MakeUpRequired,
    CertificateApplication,
    CertificateIssued,
    CertificateRefused,
    ReturnDeclared,
    CrossCheck,
    Matched,
    Mismatched,
    CheckUnavailable,
    PaperVerification,
    ClearanceDecision,
    RejectedOriginalState,
    ClearedExempt,
    UsageReported,
    ExportDutyRefund,
    Closed,
    Withdrawn,
}
