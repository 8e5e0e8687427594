namespace ExportTaxCheck.Returns.Case;

/// <summary>The events the case API raises for waiting case steps; each is correlated by case id.</summary>
public static class CaseEvents
{
    public const string EvidenceUploaded = "EvidenceUploaded";
    public const string ReturnDeclarationFiled = "ReturnDeclarationFiled";
    public const string CertificateCancelled = "CertificateCancelled";
    public const string PaperCertificateSubmitted = "PaperCertificateSubmitted";
    public const string CaseWithdrawn = "CaseWithdrawn";
}
