using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// Sends through the configured SMTP server with MailKit (TLS and authentication as configured), on one connection kept
/// open between messages, as mail servers expect of a client that sends many: a message costs its own commands, not a
/// connection, a greeting, a TLS handshake and a login. The connection is opened again when it has been idle longer than
/// <see cref="SmtpOptions.KeepAlive"/>, after <see cref="SmtpOptions.MessagesPerConnection"/> messages, and once when the
/// server turns out to have closed it before the message was accepted (see <see cref="SendAsync"/>).
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options, TimeProvider clock) : IMailTransport, IAsyncDisposable
{
    // One message at a time on the one connection: MailKit's client is not for concurrent use.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;
    private DateTimeOffset _lastUsed;
    private int _sent;

    /// <summary>
    /// Sends on the kept connection, or a new one. When a kept connection turns out to be gone (the server closed it while
    /// idle, or answered 421 "closing"), the message was not accepted on it: it goes once more on a new connection. A
    /// failure on a new connection is the message's own and goes to the dispatcher, which retries later.
    /// </summary>
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _gate.WaitAsync(ct);
        try
        {
            var smtp = options.Value.Smtp;
            var now = clock.GetUtcNow();
            if (_client is { } kept && (!kept.IsConnected || now - _lastUsed > smtp.KeepAlive || _sent >= Math.Max(1, smtp.MessagesPerConnection)))
                await CloseAsync(quit: true, ct);
            var reused = _client is not null;
            try
            {
                await SendOnceAsync(message, smtp, ct);
            }
            catch (Exception ex) when (reused && WasClosed(ex))
            {
                await CloseAsync(quit: false, ct);
                await SendOnceAsync(message, smtp, ct);
            }
            _lastUsed = clock.GetUtcNow();
        }
        catch
        {
            // Whatever state the conversation was left in, the next message starts on a new connection.
            await CloseAsync(quit: false, CancellationToken.None);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SendOnceAsync(MimeMessage message, SmtpOptions smtp, CancellationToken ct)
    {
        if (_client is null)
        {
            var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
            try
            {
                var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.Auto;
                await client.ConnectAsync(smtp.Host ?? "localhost", smtp.Port, security, ct);
                if (!string.IsNullOrEmpty(smtp.UserName))
                    await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            }
            catch
            {
                client.Dispose();
                throw;
            }
            _client = client;
            _sent = 0;
        }
        await _client.SendAsync(message, ct);
        _sent++;
    }

    /// <summary>
    /// What a kept connection the server has closed looks like: no message was accepted on it. Not a timeout: a server that
    /// is slow to answer may have taken the message, and the dispatcher's later retry is the one to send it again.
    /// </summary>
    private static bool WasClosed(Exception ex) => ex switch
    {
        TimeoutException or SocketException { SocketErrorCode: SocketError.TimedOut } => false,
        IOException { InnerException: TimeoutException or SocketException { SocketErrorCode: SocketError.TimedOut } } => false,
        ServiceNotConnectedException or IOException or SocketException or SmtpProtocolException => true,
        SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable } => true,
        _ => false,
    };

    /// <summary>Drops the kept connection; with <paramref name="quit"/>, says QUIT first when it is still connected.</summary>
    private async Task CloseAsync(bool quit, CancellationToken ct)
    {
        if (_client is not { } client)
            return;
        _client = null;
        try
        {
            if (quit && client.IsConnected)
                await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // Saying goodbye to a server that already went is no failure.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Says QUIT on the kept connection when the Host stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await CloseAsync(quit: true, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }
}
