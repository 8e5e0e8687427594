namespace ExportTaxCheck.Returns.Certificates;

/// <summary>The outcome of a registry operation: the next registry, the certificate concerned, and refusal codes if any.</summary>
public sealed record RegistryResult(CertificateRegistry Registry, Certificate? Certificate, IReadOnlyList<string> RefusalCodes)
{
    public bool Succeeded => RefusalCodes.Count == 0;
    public string? RefusalCode => RefusalCodes.Count > 0 ? RefusalCodes[0] : null;
}
