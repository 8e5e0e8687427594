namespace ExportTaxCheck.Engine.Http;

/// <summary>
/// The client outbound HTTP activities send with: one pooled client for the process (connections renewed every few
/// minutes so DNS changes are seen), over the <see cref="HttpMessageHandler"/> registered in the container if there is
/// one (tests answer from a handler instead of the network).
/// </summary>
public sealed class OutboundHttp : IDisposable
{
    private readonly HttpClient _client;

    public OutboundHttp(IServiceProvider services)
    {
        var handler = services.GetService(typeof(HttpMessageHandler)) as HttpMessageHandler;
        _client = handler is not null
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        _client.Timeout = TimeSpan.FromSeconds(100);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => _client.SendAsync(request, ct);

    public void Dispose() => _client.Dispose();
}
