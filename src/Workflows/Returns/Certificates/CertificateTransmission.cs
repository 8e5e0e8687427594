namespace ExportTaxCheck.Returns.Certificates;

/// <summary>§5.7: the tax → customs certificate message; <see cref="MessageId"/> is the idempotency key of every resend.</summary>
public sealed record CertificateTransmission
{
    public required Guid MessageId { get; init; }
    public required string CertificateNo { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset? AckAt { get; init; }
    public AckStatus? AckStatus { get; init; }
    public string? NackReason { get; init; }

    /// <summary>V-30: at most <see cref="ReturnsDomainOptions.MaxTransmissionRetries"/>.</summary>
    public int RetryCount { get; init; }

    public TransmissionStatus Status { get; init; } = TransmissionStatus.Pending;

    /// <summary>V-30: the wait before retry number <paramref name="retry"/> (1-based): 1, 2, 4, 8, 16 minutes by default.</summary>
    public static TimeSpan Backoff(int retry, ReturnsDomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        return options.FirstTransmissionBackoff * Math.Pow(2, retry - 1);
    }
}
