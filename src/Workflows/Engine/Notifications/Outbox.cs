using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Notifications;

public static class Outbox
{
    public const string MessageIdDomain = "exporttaxcheck.local";

    /// <summary>Adds a message to the step's unit of work; it commits (or not) with the step.</summary>
    public static OutboxMessageRecord Enqueue(WorkflowDbContext db, DateTimeOffset now, IEnumerable<string> to, string? template = null,
        Reference? reference = null, int? eventIndex = null, string? instanceId = null, string? subject = null, string? textBody = null, string? htmlBody = null,
        IEnumerable<string>? cc = null, IEnumerable<string>? bcc = null, string? from = null, JsonArray? attachments = null,
        DateTimeOffset? sendAt = null, string? sendIfStatus = null, JsonObject? snapshot = null)
    {
        var id = Ids.New();
        var message = new OutboxMessageRecord
        {
            Id = id,
            MessageId = $"{id}@{MessageIdDomain}",
            Template = template,
            ReferenceType = reference?.Type,
            ReferenceId = reference?.Id,
            EventIndex = eventIndex,
            InstanceId = instanceId,
            From = from,
            To = Join(to)!,
            Cc = Join(cc),
            Bcc = Join(bcc),
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            Attachments = attachments?.ToJsonString(),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = sendAt ?? now,
            SendIfStatus = sendIfStatus,
            Snapshot = snapshot?.ToJsonString(),
        };
        db.Add(message);
        return message;
    }

    /// <summary>A mailbox MimeKit reads (<c>name@domain</c>, optionally with a display name).</summary>
    public static bool IsAddress(string text) => MimeKit.MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.Contains('@');

    public static IReadOnlyList<string> Split(string? addresses) =>
        addresses?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static string? Join(IEnumerable<string>? addresses) =>
        addresses?.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList() is { Count: > 0 } list ? string.Join(", ", list) : null;
}
