using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Http;

/// <summary>
/// The HTTP request a step runs for (an HttpEndpoint trigger or bookmark), and the response the workflow writes to it
/// with Elsa.WriteHttpResponse. It flows with the command, as ASP.NET's HttpContext does in Elsa: a child workflow run
/// inside the step answers the same request; a step run later (a timer, another request) has none.
/// </summary>
public sealed class HttpExchange(JsonObject request)
{
    private static readonly AsyncLocal<HttpExchange?> CurrentExchange = new();

    /// <summary>The exchange of the command running now, if it came in over HTTP.</summary>
    public static HttpExchange? Current
    {
        get => CurrentExchange.Value;
        set => CurrentExchange.Value = value;
    }

    /// <summary>
    /// The request as HttpEndpoint gives it to the flow: <c>method</c>, <c>path</c>, <c>queryString</c>, <c>query</c>,
    /// <c>headers</c>, <c>routeData</c>, <c>contentType</c>, <c>body</c> (text).
    /// </summary>
    public JsonObject Request { get; } = request;

    /// <summary>What the workflow wrote; null until a WriteHttpResponse ran.</summary>
    public HttpResponseData? Response { get; set; }
}
