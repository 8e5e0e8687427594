namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>A message to customs that was given up on (customs refused it), as the incidents page lists it.</summary>
public sealed record FailedTransmission(
    string Id, string CaseId, string CertificateNo, StatusUpdateKind Kind, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset LastAttemptAt);
