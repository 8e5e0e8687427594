namespace ExportTaxCheck.Returns.Holds;

/// <summary>
/// Stage 12: an exemption (and export duty refund) already granted on a certificate that turned out to be used twice
/// (or after its cancellation) is flagged to be recovered; the amounts stay on the case as granted.
/// </summary>
public sealed record RecoveryFlag
{
    public required string Code { get; init; }
    public required string CertificateNo { get; init; }
    public required decimal Amount { get; init; }
    public required DateTimeOffset FlaggedAt { get; init; }
    public required string Reason { get; init; }

    /// <summary>The reason as data, read in each language (null on older flags).</summary>
    public CaseText? ReasonText { get; init; }
}
