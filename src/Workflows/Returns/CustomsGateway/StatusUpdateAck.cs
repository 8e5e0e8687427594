namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// Customs' answer to a <see cref="CertificateStatusUpdate"/>. <see cref="Accepted"/> false with <see cref="Code"/>
/// refuses a cancellation (CERT_RESERVED, CERT_ALREADY_USED); <see cref="VoidedReservationFor"/> names the declaration
/// whose match the new refund status made void.
/// </summary>
public sealed record StatusUpdateAck(bool Accepted, string? Code, CustomsCertificateStatus? Status, string? VoidedReservationFor);
