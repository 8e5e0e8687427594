namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// The case states of §2.2, plus <see cref="Withdrawn"/>, <see cref="CorrectionRequired"/> (§2.5: a line ineligible
/// with QTY_EXCEEDS_EXPORTED "until corrected" waits for the exporter) and <see cref="OnHold"/> (E-21, stage 12
/// DOUBLE_USE_DETECTED: nothing moves until a supervisor releases it).
/// </summary>
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
    CorrectionRequired,
    OnHold,
}
