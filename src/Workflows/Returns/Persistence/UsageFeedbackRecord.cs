namespace ExportTaxCheck.Returns.Persistence;

/// <summary>Usage feedback waiting to reach tax (stage 12): written with the release, sent after commit, retried until delivered.</summary>
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
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    public required string Data { get; set; }
}
