using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ExportTaxCheck.Engine.Notifications;

/// <summary>Sends through the configured SMTP server with MailKit (TLS and authentication as configured).</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.Auto;
        await client.ConnectAsync(smtp.Host ?? "localhost", smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
