namespace ExportTaxCheck.Returns.Case;

/// <summary>The events the case API raises for waiting case steps; each is correlated by case id.</summary>
public static class CaseEvents
{
    public const string EvidenceUploaded = "EvidenceUploaded";
    public const string ReturnDeclarationFiled = "ReturnDeclarationFiled";
    public const string CertificateCancelled = "CertificateCancelled";
    public const string PaperCertificateSubmitted = "PaperCertificateSubmitted";
    public const string CaseWithdrawn = "CaseWithdrawn";
    public const string CertificateApplicationSubmitted = "CertificateApplicationSubmitted";

    /// <summary>§2.5: the exporter corrected a line that screening found QTY_EXCEEDS_EXPORTED; screening runs again.</summary>
    public const string LineCorrected = "LineCorrected";

    /// <summary>E-05/E-06: a line's dates changed (or screening fixed its deadline); the deadline watch looks again.</summary>
    public const string DeadlinesChanged = "DeadlinesChanged";
}
