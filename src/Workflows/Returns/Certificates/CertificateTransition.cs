namespace ExportTaxCheck.Returns.Certificates;

/// <summary>The outcome of a certificate transition: the next state, or the unchanged certificate with refusal codes.</summary>
public sealed record CertificateTransition(Certificate Certificate, IReadOnlyList<string> RefusalCodes)
{
    public bool Succeeded => RefusalCodes.Count == 0;
    public string? RefusalCode => RefusalCodes.Count > 0 ? RefusalCodes[0] : null;

    public static CertificateTransition Ok(Certificate certificate) => new(certificate, []);
    public static CertificateTransition Refused(Certificate certificate, IReadOnlyList<string> codes) => new(certificate, codes);
}
