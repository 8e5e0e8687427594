namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// Tax → customs, X-09: "tax must push a CertificateStatusUpdate whenever a refund is processed on a line covered by an
/// unused NotRefunded certificate"; also carries a cancellation (E-19). <see cref="MessageId"/> makes a resend
/// idempotent; <see cref="Sequence"/> orders the updates of one certificate (customs ignores one older than what it holds).
/// Our internal contract (§5.6–5.9 note: no official schema was found).
/// </summary>
public sealed record CertificateStatusUpdate
{
    public required Guid MessageId { get; init; }
    public required string CertificateNo { get; init; }
    public required long Sequence { get; init; }
    public required StatusUpdateKind Kind { get; init; }

    /// <summary>The refund status of every export item the certificate covers, as tax holds it now.</summary>
    public IReadOnlyDictionary<int, RefundStatus> RefundStatus { get; init; } = new Dictionary<int, RefundStatus>();

    public DateTimeOffset SentAt { get; init; }

    /// <summary>A cancellation after the case was withdrawn: the reservation for this declaration goes first (§2.3: Reserved(D) → Transmitted when D is withdrawn).</summary>
    public string? ReleasesReservationFor { get; init; }
}
