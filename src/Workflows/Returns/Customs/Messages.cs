using ExportTaxCheck.Workflows.Returns.Certificates;

namespace ExportTaxCheck.Workflows.Returns.Customs;

public enum TransmissionStatus
{
    Pending,
    Delivered,
    FailedValidation,
    FailedInfrastructure,
}

public enum AckStatus
{
    Ack,
    Nack,
    Timeout,
}

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

public enum UsageEvent
{
    Used,
    ReservationReleased,
}

public sealed record UsedLine(int ExportItemNo, decimal Qty);

/// <summary>§5.10: customs → tax usage feedback (G-45).</summary>
public sealed record UsageFeedback
{
    public required string CertificateNo { get; init; }
    public required string ReturnDeclarationNo { get; init; }
    public required string CustomsCode { get; init; }
    public required DateOnly ReleasedOn { get; init; }
    public required Channel Channel { get; init; }
    public required IReadOnlyList<UsedLine> UsedLines { get; init; }
    public UsageEvent Event { get; init; } = UsageEvent.Used;
}

/// <summary>§5.11: the clearance decision's notional exempted amounts.</summary>
public sealed record ClearanceOutcome
{
    public decimal CustomsRate { get; init; }
    public DateOnly CustomsRateDate { get; init; }
    public decimal CustomsValue { get; init; }
    public decimal ImportDutyExempted { get; init; }
    public decimal ImportCtExempted { get; init; }
    public decimal ImportVatExempted { get; init; }

    /// <summary>C-01, C-11: the sum of the rounded parts.</summary>
    public decimal TotalExempted => ImportDutyExempted + ImportCtExempted + ImportVatExempted;

    /// <summary>C-07, E-20: set by the export duty refund step; <see cref="ClearanceCalculator"/> leaves it 0.00.</summary>
    public decimal ExportDutyRefund { get; init; }

    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
}
