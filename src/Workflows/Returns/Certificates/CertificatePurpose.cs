namespace ExportTaxCheck.Returns.Certificates;

public enum CertificatePurpose
{
    Return,
    AmendDeclaration,
    CancelDeclaration,
}
