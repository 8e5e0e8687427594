using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Notifications;

public static class Outbox
{
    public const string MessageIdDomain = "exporttaxcheck.local";

    /// <summary>Adds a message to the step's unit of work; it commits (or not) with the step.</summary>
    public static OutboxMessageRecord Enqueue(WorkflowDbContext db, DateTimeOffset now, IEnumerable<string> to, string? template = null,
        Reference? reference = null, int? eventIndex = null, string? instanceId = null, string? subject = null, string? textBody = null, string? htmlBody = null,
        IEnumerable<string>? cc = null, IEnumerable<string>? bcc = null, string? from = null, JsonArray? attachments = null,
        DateTimeOffset? sendAt = null, string? sendIfStatus = null, JsonObject? snapshot = null, IEnumerable<string>? replyTo = null)
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
            ReplyTo = Join(replyTo),
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

    /// <summary>
    /// One mailbox (<c>name@domain</c>, optionally with a display name) read exactly as the dispatcher reads a recipient
    /// field (<see cref="Addresses"/>): an address that validates here is one the mail goes to. A display name with a comma
    /// must be quoted, or the list parser reads two recipients.
    /// </summary>
    public static bool IsAddress(string text) => TryAddresses(text, out var list) && list.Count == 1;

    /// <summary>The mailboxes of a stored recipient field, parsed as an RFC 5322 address list (quoted commas stay in a name).</summary>
    public static IReadOnlyList<MimeKit.MailboxAddress> Addresses(string? field) =>
        string.IsNullOrWhiteSpace(field) ? [] : TryAddresses(field, out var list) ? list
            : throw new FormatException($"'{field}' is not a list of e-mail addresses.");

    private static bool TryAddresses(string text, out List<MimeKit.MailboxAddress> mailboxes)
    {
        mailboxes = [];
        if (!MimeKit.InternetAddressList.TryParse(text, out var list))
            return false;
        foreach (var address in list)
        {
            if (address is not MimeKit.MailboxAddress mailbox || !mailbox.Address.Contains('@', StringComparison.Ordinal))
                return false;
            mailboxes.Add(mailbox);
        }
        return mailboxes.Count > 0;
    }

    private static string? Join(IEnumerable<string>? addresses) =>
        addresses?.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList() is { Count: > 0 } list ? string.Join(", ", list) : null;
}
