namespace ExportTaxCheck.Returns.Case;

/// <summary>The e-mail templates case steps ask for (one per event the exporter hears about).</summary>
public static class CaseNotifications
{
    public const string CaseReceived = "case-received";
    public const string SupplementRequested = "supplement-requested";
    public const string Ineligible = "ineligible";
    public const string MakeUpDue = "make-up-due";
    public const string CertificateIssued = "certificate-issued";
    public const string CrossCheckMatched = "cross-check-matched";
    public const string CrossCheckMismatched = "cross-check-mismatched";
    public const string PaperRequired = "paper-required";
    public const string ExemptionGranted = "exemption-granted";
    public const string ExportDutyRefunded = "export-duty-refunded";
    public const string CaseClosed = "case-closed";
    public const string CaseRejected = "case-rejected";
    public const string CorrectionRequired = "correction-required";
    public const string SelfCheckFailed = "self-check-failed";
    public const string CaseOnHold = "case-on-hold";
    public const string CaseReleased = "case-released";

    /// <summary>Every notification of a case, each a set of template files.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        CaseReceived, SupplementRequested, CaseSession.SupplementReminder, Ineligible, MakeUpDue, CertificateIssued, CrossCheckMatched,
        CrossCheckMismatched, PaperRequired, ExemptionGranted, ExportDutyRefunded, CaseClosed, CaseRejected, CorrectionRequired, SelfCheckFailed,
        CaseOnHold, CaseReleased,
    ];
}
