namespace ExportTaxCheck.Returns.Holds;

/// <summary>
/// E-21 and stage 12: a hold on a case. While it stands the case is <see cref="ReturnCaseStatus.OnHold"/>, its flow
/// takes no step, its tasks wait and its timers stop; a supervisor's release puts it back where it was
/// (<see cref="PreviousStatus"/>, the flow's timers and task deadlines moved on by the held span).
/// </summary>
public sealed record CaseHold
{
    /// <summary><see cref="ReasonCodes.FraudReferral"/> (an officer) or <see cref="ReasonCodes.DoubleUseDetected"/> (reconciliation).</summary>
    public required string Code { get; init; }

    /// <summary>The reason in English as placed: what the officer wrote, or for a system hold the English of <see cref="ReasonText"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>A system hold's reason as data, read in each language (null for an officer's own words and older holds).</summary>
    public CaseText? ReasonText { get; init; }
    public required string PlacedBy { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public required ReturnCaseStatus PreviousStatus { get; init; }
    public IReadOnlyList<string> PreviousReasons { get; init; } = [];

    /// <summary>The certificate a DOUBLE_USE_DETECTED hold is about.</summary>
    public string? CertificateNo { get; init; }

    /// <summary>The instance of the referral flow whose task a supervisor decides.</summary>
    public string? ReferralInstanceId { get; init; }

    /// <summary>Set when a supervisor upheld the hold (the case stays held; it is handled under general law, E-21).</summary>
    public string? UpheldBy { get; init; }

    public string? ReleasedBy { get; init; }
    public DateTimeOffset? ReleasedAt { get; init; }
    public string? ReleaseComment { get; init; }

    public bool IsActive => ReleasedAt is null;
}
