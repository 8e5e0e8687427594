namespace ExportTaxCheck.Host.Api.Cases;

/// <summary>The replacement certificate's number and the case as it stands after the reissue.</summary>
public sealed record ReissueCertificateResponse(string CertificateNo, CaseView Case);
