namespace ExportTaxCheck.Returns.Shared;

/// <summary>
/// Every machine-readable code the return domain emits: eligibility and rejection codes (§2.5, E-xx),
/// cross-check codes (§5.9, X-xx), certificate refusals (§2.3) and validation codes (§5.12, V-xx).
/// Codes marked "ours" are not in DOMAIN.md; each one names the gap it fills.
/// </summary>
public static class ReasonCodes
{
    // E-01 .. E-06
    public const string NoPolicyForExportDate = "NO_POLICY_FOR_EXPORT_DATE";
    public const string SupervisionCodeNotEligible = "SUPERVISION_CODE_NOT_ELIGIBLE";
    public const string FoodExcluded = "FOOD_EXCLUDED";
    /// <summary>Ours: E-03/A-07 "NeedsReview (officer decides)" list.</summary>
    public const string FoodNeedsReview = "FOOD_NEEDS_REVIEW";
    public const string ReasonNotEligible = "REASON_NOT_ELIGIBLE";
    public const string ReturnWindowExceeded = "RETURN_WINDOW_EXCEEDED";
    public const string NotReturnedToNonZone = "NOT_RETURNED_TO_NON_ZONE";

    // E-07, E-08 (sub-reasons of ORIGINAL_STATE_FAILED)
    public const string OriginalStateFailed = "ORIGINAL_STATE_FAILED";
    /// <summary>Ours: E-07 requires FormBasicallySame but names no sub-reason for it.</summary>
    public const string OriginalStateFailedFormChanged = "ORIGINAL_STATE_FAILED:FORM_CHANGED";
    public const string OriginalStateFailedAccessoriesAdded = "ORIGINAL_STATE_FAILED:ACCESSORIES_ADDED";
    public const string OriginalStateFailedProcessedOrModified = "ORIGINAL_STATE_FAILED:PROCESSED_OR_MODIFIED";
    public const string OriginalStateFailedUsedWithoutException = "ORIGINAL_STATE_FAILED:USED_WITHOUT_EXCEPTION";

    // E-09 (sub-reasons of EVIDENCE_INCOMPLETE), V-20
    public const string EvidenceIncomplete = "EVIDENCE_INCOMPLETE";
    public const string EvidenceIncompleteMissingExportDoc = "EVIDENCE_INCOMPLETE:MISSING_EXPORT_DOC";
    public const string EvidenceIncompleteMissingSelfDeclaration = "EVIDENCE_INCOMPLETE:MISSING_SELF_DECLARATION";
    public const string EvidenceIncompleteMissingReturnEvidence = "EVIDENCE_INCOMPLETE:MISSING_RETURN_EVIDENCE";
    public const string EvidenceIncompleteMissingAttestation = "EVIDENCE_INCOMPLETE:MISSING_ATTESTATION";
    /// <summary>Ours: stage 4 "claimed trial use needs defect or trial-return evidence".</summary>
    public const string EvidenceIncompleteMissingTrialUseEvidence = "EVIDENCE_INCOMPLETE:MISSING_TRIAL_USE_EVIDENCE";
    public const string RejectedEvidence = "REJECTED_EVIDENCE";

    // E-10 .. E-13
    public const string EnterpriseMismatch = "ENTERPRISE_MISMATCH";
    public const string QtyExceedsExported = "QTY_EXCEEDS_EXPORTED";
    public const string UnitMismatch = "UNIT_MISMATCH";
    public const string HsMismatch = "HS_MISMATCH";
    public const string GoodsNameMismatch = "GOODS_NAME_MISMATCH";
    public const string ExportDocInvalid = "EXPORT_DOC_INVALID";
    /// <summary>Ours: a screening input is missing (for example no entry date), so the line needs review.</summary>
    public const string DataIncomplete = "DATA_INCOMPLETE";

    // E-14 .. E-21
    public const string RefundPending = "REFUND_PENDING";
    public const string MakeUpNotCompleted = "MAKE_UP_NOT_COMPLETED";
    public const string RefundLockedByCertificate = "REFUND_LOCKED_BY_CERTIFICATE";
    /// <summary>Ours: E-16 names no code for "no Matched or paper-verified certificate".</summary>
    public const string CertificateNotVerified = "CERT_NOT_VERIFIED";
    public const string PaperNotPermitted = "PAPER_NOT_PERMITTED";
    public const string CertAlreadyUsed = "CERT_ALREADY_USED";
    public const string CertReserved = "CERT_RESERVED";
    public const string NoExportDutyCollected = "NO_EXPORT_DUTY_COLLECTED";
    /// <summary>Ours: A-15 application deadline passed.</summary>
    public const string ExportDutyRefundDeadlinePassed = "EXPORT_DUTY_REFUND_DEADLINE_PASSED";
    public const string FraudReferral = "FRAUD_REFERRAL";
    public const string DoubleUseDetected = "DOUBLE_USE_DETECTED";
    /// <summary>Ours: E-15, a refund declaration claiming more than the line's exported quantity less what was already refunded.</summary>
    public const string RefundQtyExceedsExported = "REFUND_QTY_EXCEEDS_EXPORTED";
    /// <summary>Ours: the line's refund record changed after the make-up or the application was made; the case looks again (stage 5).</summary>
    public const string RefundStatusChanged = "REFUND_STATUS_CHANGED";
    /// <summary>Ours: E-15, the refund status an application states differs from the tax records or the confirmed make-up.</summary>
    public const string RefundStatusMismatch = "REFUND_STATUS_MISMATCH";
    /// <summary>Ours: E-21, a case on hold takes no command until a supervisor releases it.</summary>
    public const string CaseOnHold = "CASE_ON_HOLD";
    /// <summary>Ours: stage 12, an exemption granted on a certificate that was used twice is to be recovered.</summary>
    public const string RecoveryDue = "RECOVERY_DUE";
    /// <summary>Ours: E-05/E-06, the deadline is near and the goods have not entered yet (a warning).</summary>
    public const string DeadlineNear = "DEADLINE_NEAR";

    // Certificate state machine (§2.3); the two "ours" cover transitions the diagram does not allow.
    /// <summary>Ours: the certificate has not been issued (Applied, UnderReview or Refused).</summary>
    public const string CertNotIssued = "CERT_NOT_ISSUED";
    /// <summary>Ours: any other transition that §2.3 does not allow from the current status.</summary>
    public const string CertInvalidTransition = "CERT_INVALID_TRANSITION";
    /// <summary>Ours: stage 6 数据自检 found V-code errors, so the application cannot go to review.</summary>
    public const string SelfCheckFailed = "SELF_CHECK_FAILED";
    /// <summary>Ours: an export line already covered by other unused or used certificates.</summary>
    public const string CertQtyExceedsUncertified = "CERT_QTY_EXCEEDS_UNCERTIFIED";

    // X-01 .. X-11 (§5.9)
    public const string CertNotFound = "CERT_NOT_FOUND";
    public const string CertCancelled = "CERT_CANCELLED";
    public const string CertBoundToOtherDeclaration = "CERT_BOUND_TO_OTHER_DECLARATION";
    public const string ExportDeclMismatch = "EXPORT_DECL_MISMATCH";
    public const string ItemNotOnCert = "ITEM_NOT_ON_CERT";
    public const string LineCountMismatch = "LINE_COUNT_MISMATCH";
    public const string QtyMismatch = "QTY_MISMATCH";
    public const string VariantStatusInconsistent = "VARIANT_STATUS_INCONSISTENT";
    public const string CertDateAfterDeclaration = "CERT_DATE_AFTER_DECLARATION";

    // V-01 .. V-15 (§5.12); the code is the rule id.
    public const string InvalidUscc = "V-01";
    public const string InvalidDeclarationNo = "V-02";
    public const string DeclarationAfterExport = "V-03";
    public const string InvalidHsCode = "V-04";
    public const string UnknownUnit = "V-05";
    public const string UnknownCurrency = "V-06";
    public const string InvalidAmount = "V-07";
    public const string RateOutOfRange = "V-08";
    public const string ReturnedQtyNotPositive = "V-09";
    public const string AreaExitDateMissing = "V-10";
    public const string AreaExitDateNotAllowed = "V-11";
    public const string EntryBeforeClockStart = "V-12";
    public const string ReturnModeNotConfigured = "V-13";
    public const string NotExactlyOneExportDoc = "V-14";
    public const string NotRefundedRequiresNotDeclared = "V-15";
    /// <summary>Ours: a §5 field-table check that §5.12 does not number (patterns, required fields, ranges).</summary>
    public const string FieldInvalid = "FIELD_INVALID";
}
