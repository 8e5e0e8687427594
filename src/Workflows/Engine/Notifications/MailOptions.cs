namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// <c>Mail</c> settings. Without <c>Mail:Smtp:Host</c> messages are written as .eml files to
/// <see cref="PickupDirectory"/>; with it they go to that SMTP server through MailKit.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "ExportTaxCheck <noreply@exporttaxcheck.local>";

    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>The workspace's address as officers reach it, for links in their reminder and escalation mails.</summary>
    public string WorkspaceUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The bilingual Liquid templates, one set of files per notification (see the README).</summary>
    public string TemplateDirectory { get; set; } = "notification-templates";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Attempts before a message goes to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles with each attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a dispatcher holds a message it is sending; a crashed dispatcher's messages are sent again after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RetryDelay(int attempts)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Max(0, attempts - 1));
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}
