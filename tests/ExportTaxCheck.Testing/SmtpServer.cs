using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace ExportTaxCheck.Testing;

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's aiosmtpd writing each message it accepts into a Maildir. It can be
/// stopped and started again on the same port, to play an SMTP outage.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "etc-smtp", Guid.NewGuid().ToString("N"));
    private Process? _process;

    public SmtpServer()
    {
        Port = Ports.Free();
        foreach (var sub in new[] { "tmp", "new", "cur" })
            Directory.CreateDirectory(Path.Combine(_maildir, sub));
    }

    public int Port { get; }

    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync()
    {
        if (IsRunning)
            return;
        var start = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException("aiosmtpd is not listening: " + (_process.HasExited ? await _process.StandardError.ReadToEndAsync() : "timeout")
                                                    + ". Install it with 'apt-get install python3-aiosmtpd'.", ex);
            }
        }
    }

    public async Task StopAsync()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message the server accepted so far.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.GetFiles(Path.Combine(_maildir, "new")).Concat(Directory.GetFiles(Path.Combine(_maildir, "cur")))
            .Select(f => MimeMessage.Load(f)).ToList();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_maildir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

}
