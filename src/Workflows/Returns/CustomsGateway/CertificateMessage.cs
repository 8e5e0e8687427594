using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Returns.CustomsGateway;

public sealed record CertificateMessage(Guid MessageId, Certificate Certificate, IReadOnlyDictionary<int, RefundStatus> RefundStatus);
