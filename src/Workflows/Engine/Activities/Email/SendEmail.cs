using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Engine.Expressions;
using ExportTaxCheck.Engine.Notifications;

namespace ExportTaxCheck.Engine.Activities.Email;

/// <summary>
/// Elsa's Send Email, through the outbox: the message is written in this step's transaction and sent after commit
/// (SMTP or the pickup folder). Subject and body take Liquid or JavaScript like any input; the body is HTML and a
/// plain-text part is made from it.
/// </summary>
[Activity("Elsa", "Email", "Sends an e-mail after this step commits (through the outbox).", DisplayName = "Send Email")]
public sealed partial class SendEmail : Activity
{
    [Input(Description = "The sender; empty for Mail:From.", Order = 1)]
    public Input<string?> From { get; set; } = null!;

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
        var from = await context.GetAsync(From);
        if (!string.IsNullOrWhiteSpace(from))
            Addresses([from], "From");
        var html = await context.GetAsync(Body) ?? "";
        var attachments = Attachments.Expression is null ? null : ValueConverter.ToJson(await context.EvaluateAsync(Attachments.Expression, typeof(object)));
        var message = Outbox.Enqueue(context.Db, context.Now, to, instanceId: context.InstanceId,
            reference: context.GetRequiredService<CorrelationReference>().For(context.CorrelationId),
            subject: await context.GetAsync(Subject) ?? "", htmlBody: html, textBody: PlainText(html),
            cc: Addresses(await context.GetAsync(Cc), "Cc"), bcc: Addresses(await context.GetAsync(Bcc), "Bcc"),
            from: string.IsNullOrWhiteSpace(from) ? null : from.Trim(),
            attachments: attachments switch { JsonArray array => array, JsonObject one => [one.DeepClone()], _ => null });
        context.JournalData["messageId"] = message.MessageId;
        context.JournalData["to"] = message.To;
        return Done();
    }

    private List<string> Addresses(IEnumerable<string>? values, string field)
    {
        var list = new List<string>();
        foreach (var value in (values ?? []).SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Outbox.IsAddress(value))
                throw new ActivityFaultException("EMAIL_ADDRESS_INVALID", $"Send Email '{Id}': '{value}' in {field} is not an e-mail address.", retryable: false);
            list.Add(value);
        }
        return list;
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
