using System.Text.Json.Nodes;
using ExportTaxCheck.Workflows.Persistence;

namespace ExportTaxCheck.Workflows.Notifications;

public enum OutboxStatus
{
    /// <summary>Waiting to be sent (first try or a retry after <see cref="OutboxMessageRecord.NextAttemptAt"/>).</summary>
    Pending,
    Sent,

    /// <summary>Gave up after the attempts allowed; an officer can look at the error and send it again.</summary>
    DeadLetter,

    /// <summary>A scheduled message (a reminder) that no longer applied when its time came.</summary>
    Cancelled,
}

/// <summary>
/// An e-mail written by a workflow step in the step's own transaction and sent after commit by the dispatcher. A row of a
/// step that rolled back never exists, so no mail goes out for it. <see cref="MessageId"/> is fixed when the row is
/// written: a resend after a crash carries the same Message-Id and the receiver can tell it is the same mail.
/// </summary>
public sealed class OutboxMessageRecord
{
    public required string Id { get; set; }
    public required string MessageId { get; set; }

    /// <summary>The notification template (for example <c>certificate-issued</c>); null for a mail written in full by the flow.</summary>
    public string? Template { get; set; }

    public string? CaseId { get; set; }

    /// <summary>The index of the case timeline event the notification tells about.</summary>
    public int? CaseEventIndex { get; set; }

    public string? InstanceId { get; set; }

    /// <summary>What the step knew when it wrote the message (JSON), for facts that may change before it is rendered.</summary>
    public string? Snapshot { get; set; }

    /// <summary>For a scheduled message: send only if the case is still in this status then (else it is cancelled).</summary>
    public string? SendIfStatus { get; set; }

    public string? From { get; set; }

    /// <summary>Comma-separated addresses.</summary>
    public required string To { get; set; }

    public string? Cc { get; set; }
    public string? Bcc { get; set; }

    /// <summary>Set when the row is written (a flow's own mail) or rendered from the template at the first attempt.</summary>
    public string? Subject { get; set; }

    public string? TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>JSON array of <c>{ fileName, contentType, contentBase64 }</c>.</summary>
    public string? Attachments { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A dispatcher holds the row until then; after a crash the lease runs out and another pass sends it.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
    public long Revision { get; set; }
}

public static class Outbox
{
    public const string MessageIdDomain = "exporttaxcheck.local";

    /// <summary>Adds a message to the step's unit of work; it commits (or not) with the step.</summary>
    public static OutboxMessageRecord Enqueue(ExportTaxCheckDbContext db, DateTimeOffset now, IEnumerable<string> to, string? template = null,
        string? caseId = null, int? caseEventIndex = null, string? instanceId = null, string? subject = null, string? textBody = null, string? htmlBody = null,
        IEnumerable<string>? cc = null, IEnumerable<string>? bcc = null, string? from = null, JsonArray? attachments = null,
        DateTimeOffset? sendAt = null, string? sendIfStatus = null, JsonObject? snapshot = null)
    {
        var id = Runtime.Ids.New();
        var message = new OutboxMessageRecord
        {
            Id = id,
            MessageId = $"{id}@{MessageIdDomain}",
            Template = template,
            CaseId = caseId,
            CaseEventIndex = caseEventIndex,
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
