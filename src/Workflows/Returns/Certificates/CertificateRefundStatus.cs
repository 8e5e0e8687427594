namespace ExportTaxCheck.Returns.Certificates;

/// <summary>G-40 退(免)税状态 as printed on the certificate.</summary>
public enum CertificateRefundStatus
{
    NotDeclared,
    Offset,
    Repaid,
}
