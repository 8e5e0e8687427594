namespace ExportTaxCheck.Returns.Certificates;

/// <summary>G-38 已补税 / G-39 未退税.</summary>
public enum CertificateVariant
{
    TaxPaid,
    NotRefunded,
}
