using System.Net;
using System.Text;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// A page served on another loopback port than the Host's: the same site as the Host (so a SameSite=Strict cookie goes
/// along), another origin. It serves one HTML page and answers nothing else.
/// </summary>
public sealed class AttackerSite : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly string _html;

    public AttackerSite(string html)
    {
        _html = html;
        var port = Ports.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var body = Encoding.UTF8.GetBytes(_html);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
