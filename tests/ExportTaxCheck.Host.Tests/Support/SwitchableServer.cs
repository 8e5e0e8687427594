using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ExportTaxCheck.Host.Tests.Support;

/// <summary>
/// A real loopback HTTP server (raw sockets) standing between the Host and its customs/tax ends: it forwards while
/// up, and while down it closes every connection before answering, which the client sees as a network failure.
/// </summary>
public sealed class SwitchableServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly HttpClient _forward = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _dropped;

    public SwitchableServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public Uri? Target { get; set; }
    public bool Up { get; set; } = true;
    public int Dropped => _dropped;

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        if (!Up || Target is null)
        {
            Interlocked.Increment(ref _dropped);
            client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
            return;
        }
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
            head.Append((char)buffer[0]);
        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
        await stream.ReadExactlyAsync(body);

        using var request = new HttpRequestMessage(new HttpMethod(requestLine[0]), new Uri(Target, requestLine[1])) { Content = new ByteArrayContent(body) };
        if (headers.TryGetValue("Content-Type", out var type))
            request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        if (headers.TryGetValue("Authorization", out var auth))
            request.Headers.TryAddWithoutValidation("Authorization", auth);
        using var response = await _forward.SendAsync(request);
        var content = await response.Content.ReadAsByteArrayAsync();
        var reply = $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\nContent-Type: {response.Content.Headers.ContentType}\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply));
        await stream.WriteAsync(content);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
        }
        _forward.Dispose();
    }
}
