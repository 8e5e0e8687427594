namespace ExportTaxCheck.Engine.Notifications;

public sealed record OutboxItem(
    string Id, string MessageId, string? Template, string? ReferenceType, string? ReferenceId, string To, string? Subject, OutboxStatus Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError);
