namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// A port's usage report (stage 12): written with the release (or the release of a reservation), sent after commit to the
/// customs registry and then to tax, each retried until delivered. A paper release during an outage waits here, so the
/// registries learn of it only when the network returns.
/// </summary>
public sealed class UsageFeedbackRecord
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string CertificateNo { get; set; }
    public required string ReturnDeclarationNo { get; set; }
    public FeedbackStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>When the customs registry registered the use (the first of the two deliveries; tax hears second).</summary>
    public DateTimeOffset? CustomsDeliveredAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    public required string Data { get; set; }
}
