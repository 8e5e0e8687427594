namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// An e-mail written by a workflow step in the step's own transaction and sent after commit by the dispatcher. A row of a
/// step that rolled back never exists, so no mail goes out for it. <see cref="MessageId"/> is fixed when the row is
/// written: a resend after a crash carries the same Message-Id and the receiver can tell it is the same mail.
/// </summary>
public sealed class OutboxMessageRecord
{
    public required string Id { get; set; }
    public required string MessageId { get; set; }

    /// <summary>The notification template (for example <c>order-shipped</c>); null for a mail written in full by the flow.</summary>
    public string? Template { get; set; }

    /// <summary>
    /// What the message is about (<see cref="Reference"/>): the template's model comes from the
    /// <see cref="INotificationModelSource"/> of this name, and the mail carries the id in the header <c>X-ExportTaxCheck-{type}</c>.
    /// </summary>
    public string? ReferenceType { get; set; }

    public string? ReferenceId { get; set; }

    /// <summary>Which event of the referenced thing's history the notification tells about (the model source reads it).</summary>
    public int? EventIndex { get; set; }

    public string? InstanceId { get; set; }

    /// <summary>What the step knew when it wrote the message (JSON), for facts that may change before it is rendered.</summary>
    public string? Snapshot { get; set; }

    /// <summary>For a scheduled message: send only if the referenced thing is still in this status then (else it is cancelled).</summary>
    public string? SendIfStatus { get; set; }

    /// <summary>
    /// The sender a flow asked for; only its display name is used: the address is always <c>Mail:From</c>'s, so a flow
    /// cannot send as somebody else.
    /// </summary>
    public string? From { get; set; }

    /// <summary>Where replies go, when the flow set it (an address list as <see cref="To"/>).</summary>
    public string? ReplyTo { get; set; }

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
