using ExportTaxCheck.Returns.CustomsGateway;

namespace ExportTaxCheck.Returns.Case;

/// <summary>X-09 / E-19: a status update of one of the case's certificates, recorded like a transmission (§5.7).</summary>
public sealed record StatusUpdateView(
    string MessageId, string CertificateNo, StatusUpdateKind Kind, long Sequence, IReadOnlyDictionary<int, RefundStatus> RefundStatus, StatusUpdateDelivery Status,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, string? LastError, StatusUpdateAck? Ack);
