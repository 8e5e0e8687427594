using MimeKit;

namespace ExportTaxCheck.Engine.Notifications;

/// <summary>Where composed messages go: an SMTP server, or a folder of .eml files.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);

    /// <summary>
    /// True when sending a message again with the same Message-Id replaces what the first send left (a file named by it)
    /// instead of delivering a second copy. The dispatcher then saves the outcomes of a batch in one commit; with a
    /// transport that delivers each send (SMTP) it saves each outcome before the next message goes.
    /// </summary>
    bool ResendReplaces => false;
}
