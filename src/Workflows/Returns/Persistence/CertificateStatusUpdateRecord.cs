using ExportTaxCheck.Returns.CustomsGateway;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// a status update waiting to reach customs, written in the transaction that processed the refund (so it exists
/// exactly when the refund does), sent after commit and retried with backoff until delivered.
/// </summary>
public sealed class CertificateStatusUpdateRecord
{
    /// <summary>The message id (its idempotency key at customs).</summary>
    public required string Id { get; set; }

    public required string CertificateNo { get; set; }

    /// <summary>The case the certificate belongs to.</summary>
    public required string CaseId { get; set; }

    public long Sequence { get; set; }
    public StatusUpdateKind Kind { get; set; }
    public StatusUpdateDelivery Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The <see cref="CertificateStatusUpdate"/> as sent.</summary>
    public required string Data { get; set; }

    /// <summary>Customs' <see cref="StatusUpdateAck"/>, once delivered.</summary>
    public string? Ack { get; set; }
}
