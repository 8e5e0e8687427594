using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.CustomsGateway;

public sealed record TransmissionAck(AckStatus Status, DateTimeOffset? AckAt, string? NackReason);
