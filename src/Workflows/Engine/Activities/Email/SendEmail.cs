using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Engine.Expressions;
using ExportTaxCheck.Engine.Notifications;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine.Activities.Email;

/// <summary>
/// Elsa's Send Email, through the outbox: the message is written in this step's transaction and sent after commit
/// (SMTP or the pickup folder). Subject and body take Liquid or JavaScript like any input; the body is HTML and a
/// plain-text part is made from it. The sender is always <c>Mail:From</c>: a flow may give it another display name and
/// set Reply-To, never another sender address (a flow once sent as "STA Refund Desk &lt;refunds@chinatax.gov.cn&gt;").
/// </summary>
[Activity("Elsa", "Email", "Sends an e-mail after this step commits (through the outbox).", DisplayName = "Send Email")]
public sealed partial class SendEmail : Activity
{
    [Input(Description = "The sender's display name (\"Refund desk\", or \"Refund desk <Mail:From's address>\"); the address is always Mail:From's.", Order = 1)]
    public Input<string?> From { get; set; } = null!;

    [Input(Description = "Where replies go.", UIHint = UIHints.MultiText, DefaultSyntax = "Object", Order = 8)]
    public Input<List<string>> ReplyTo { get; set; } = null!;

    [Input(Description = "Recipients.", UIHint = UIHints.MultiText, DefaultSyntax = "Object", Order = 2)]
    public Input<List<string>> To { get; set; } = null!;

    [Input(Description = "Copy recipients.", UIHint = UIHints.MultiText, DefaultSyntax = "Object", Order = 3)]
    public Input<List<string>> Cc { get; set; } = null!;

    [Input(Description = "Blind copy recipients.", UIHint = UIHints.MultiText, DefaultSyntax = "Object", Order = 4)]
    public Input<List<string>> Bcc { get; set; } = null!;

    [Input(Description = "The subject.", Order = 5)]
    public Input<string> Subject { get; set; } = null!;

    [Input(Description = "The body (HTML).", UIHint = UIHints.MultiLine, Order = 6)]
    public Input<string> Body { get; set; } = null!;

    [Input(Description = "Attachments: [{ fileName, contentType, contentBase64 }].", UIHint = UIHints.JsonEditor, Order = 7)]
    public Input<object> Attachments { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var to = Addresses(await context.GetAsync(To), "To");
        if (to.Count == 0)
            throw new ActivityFaultException("EMAIL_NO_RECIPIENT", $"Send Email '{Id}' has no recipient.", retryable: false);
        var from = Sender(await context.GetAsync(From), context.GetRequiredService<IOptions<MailOptions>>().Value);
        var html = await context.GetAsync(Body) ?? "";
        var attachments = Attachments.Expression is null ? null : ValueConverter.ToJson(await context.EvaluateAsync(Attachments.Expression, typeof(object)));
        var message = Outbox.Enqueue(context.Db, context.Now, to, instanceId: context.InstanceId,
            reference: context.GetRequiredService<CorrelationReference>().For(context.CorrelationId),
            subject: await context.GetAsync(Subject) ?? "", htmlBody: html, textBody: PlainText(html),
            cc: Addresses(await context.GetAsync(Cc), "Cc"), bcc: Addresses(await context.GetAsync(Bcc), "Bcc"),
            from: from, replyTo: Addresses(await context.GetAsync(ReplyTo), "Reply-To"),
            attachments: attachments switch { JsonArray array => array, JsonObject one => [one.DeepClone()], _ => null });
        context.JournalData["messageId"] = message.MessageId;
        context.JournalData["to"] = message.To;
        return Done();
    }

    private List<string> Addresses(IEnumerable<string>? values, string field)
    {
        var list = new List<string>();
        foreach (var value in (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            // Parsed as the dispatcher parses the stored field, so an address accepted here is one the mail goes to.
            IReadOnlyList<MimeKit.MailboxAddress> mailboxes;
            try
            {
                mailboxes = Outbox.Addresses(value.Replace(';', ','));
            }
            catch (FormatException)
            {
                throw new ActivityFaultException("EMAIL_ADDRESS_INVALID", $"Send Email '{Id}': '{value}' in {field} is not an e-mail address.", retryable: false);
            }
            list.AddRange(mailboxes.Select(m => m.ToString()));
        }
        return list;
    }

    /// <summary>Mail:From under the display name the flow chose; an address other than Mail:From's is refused.</summary>
    private string? Sender(string? requested, MailOptions mail)
    {
        if (string.IsNullOrWhiteSpace(requested))
            return null;
        var configured = MimeKit.MailboxAddress.Parse(mail.From);
        var name = requested.Trim();
        if (name.Contains('@', StringComparison.Ordinal))
        {
            if (!MimeKit.MailboxAddress.TryParse(name, out var asked) || !string.Equals(asked.Address, configured.Address, StringComparison.OrdinalIgnoreCase))
                throw new ActivityFaultException("EMAIL_FROM_NOT_ALLOWED",
                    $"Send Email '{Id}': mail is sent from {configured.Address} (Mail:From); a flow may set the sender's display name and Reply-To, not the address '{name}'.", retryable: false);
            name = asked.Name;
        }
        return string.IsNullOrWhiteSpace(name) ? null : new MimeKit.MailboxAddress(name, configured.Address).ToString();
    }

    /// <summary>The plain-text part: the HTML without tags, line breaks kept.</summary>
    public static string PlainText(string html)
    {
        var text = BreakTags().Replace(html, "\n");
        text = AnyTag().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        return BlankLines().Replace(text, "\n\n").Trim() + "\n";
    }

    [GeneratedRegex(@"<\s*(?:br|/p|/div|/li|/tr|/h[1-6])\s*/?>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BreakTags();

    [GeneratedRegex("<[^>]+>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"\n\s*\n(?:\s*\n)+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BlankLines();
}
