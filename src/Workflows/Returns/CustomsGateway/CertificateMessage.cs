using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.CustomsGateway;

public sealed record CertificateMessage(Guid MessageId, Certificate Certificate, IReadOnlyDictionary<int, RefundStatus> RefundStatus);
