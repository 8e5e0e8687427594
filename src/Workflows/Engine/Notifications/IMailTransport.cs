using MimeKit;

namespace ExportTaxCheck.Engine.Notifications;

/// <summary>Where composed messages go: an SMTP server, or a folder of .eml files.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
