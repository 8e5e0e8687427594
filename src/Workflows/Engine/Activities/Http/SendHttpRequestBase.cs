using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;
using ExportTaxCheck.Engine.Http;

namespace ExportTaxCheck.Engine.Activities.Http;

/// <summary>
/// Sends an HTTP request (Elsa's SendHttpRequestBase). A connection failure, a timeout or a transient status (408, 409,
/// 429, 500, 502, 503, 504) is retried by the durable retry policy (<c>customProperties.retryPolicy</c>: the next attempt
/// waits on a timer that survives restarts); once the policy is spent, the failure takes its port (Failed to connect,
/// Timeout) or the last response is handled as any other. Without a policy the request is sent once, as in Elsa.
/// </summary>
public abstract class SendHttpRequestBase : Activity, IRetriesExhaustedHandler
{
    private static readonly HashSet<HttpStatusCode> Transient =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.Conflict, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    [Input(Order = 0, Description = "The URL to send the request to.")]
    public Input<string> Url { get; set; } = null!;

    [Input(Description = "The HTTP method to use when sending the request.", Options = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"], DefaultValue = "GET", UIHint = UIHints.DropDown, Order = 1)]
    public Input<string> Method { get; set; } = null!;

    [Input(Description = "The content to send with the request. Can be a string or an object (sent as JSON).", Order = 2)]
    public Input<object> Content { get; set; } = null!;

    [Input(Description = "The content type to use when sending the request.", UIHint = UIHints.DropDown, Options = ["", "application/json", "text/plain", "text/html", "application/xml", "application/x-www-form-urlencoded"], Order = 3)]
    public Input<string?> ContentType { get; set; } = null!;

    [Input(Description = "The Authorization header value to send with the request. For example: Bearer {some-access-token}", Category = "Security", IsSensitive = true, Order = 4)]
    public Input<string?> Authorization { get; set; } = null!;

    [Input(Description = "A value that allows to add the Authorization header without validation.", Category = "Security", Order = 5)]
    public Input<bool> DisableAuthorizationHeaderValidation { get; set; } = null!;

    [Input(Description = "The headers to send along with the request.", UIHint = UIHints.JsonEditor, Category = "Advanced", Order = 6)]
    public Input<object> RequestHeaders { get; set; } = null!;

    [Output(Description = "The response: status code, headers and content.")]
    public Output<object> Result { get; set; } = null!;

    [Output(Description = "The HTTP response status code")]
    public Output<int> StatusCode { get; set; } = null!;

    [Output(Description = "The parsed content, if any.")]
    public Output<object> ParsedContent { get; set; } = null!;

    [Output(Description = "The response headers that were received.")]
    public Output<object> ResponseHeaders { get; set; } = null!;

    protected internal sealed override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var client = context.GetRequiredService<OutboundHttp>();
        using var request = await PrepareAsync(context);
        context.JournalData["url"] = request.RequestUri?.ToString();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, context.CancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new OutboundHttpFailure("FailedToConnect", $"Activity '{Id}' could not reach {request.RequestUri}: {ex.Message}", null, ex);
        }
        catch (TaskCanceledException ex) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new OutboundHttpFailure("Timeout", $"Activity '{Id}': the request to {request.RequestUri} timed out.", null, ex);
        }

        using (response)
        {
            var received = await ReceivedResponse.ReadAsync(response, context.CancellationToken);
            if (Transient.Contains(response.StatusCode))
                throw new OutboundHttpFailure("TransientStatus", $"Activity '{Id}': {request.RequestUri} answered {(int)response.StatusCode}.", received);
            return await HandleAsync(context, received);
        }
    }

    /// <summary>The retry policy is spent: a connection failure or timeout takes its port; a transient status is handled.</summary>
    public async ValueTask<ActivityResult?> OnRetriesExhaustedAsync(ActivityContext context, Exception exception) => exception switch
    {
        OutboundHttpFailure { Response: { } last } => await HandleAsync(context, last),
        OutboundHttpFailure { Code: "Timeout" } => await OnTimeoutAsync(context),
        OutboundHttpFailure => await OnFailedToConnectAsync(context),
        _ => null,
    };

    /// <summary>What a response leads to (the status-code ports).</summary>
    protected abstract ValueTask<ActivityResult> OnResponseAsync(ActivityContext context, int statusCode);

    protected abstract ValueTask<ActivityResult> OnFailedToConnectAsync(ActivityContext context);

    protected abstract ValueTask<ActivityResult> OnTimeoutAsync(ActivityContext context);

    private async ValueTask<ActivityResult> HandleAsync(ActivityContext context, ReceivedResponse response)
    {
        context.SetOutput(Result.Name, Result.VariableId, response.ToJson());
        context.SetOutput(StatusCode.Name, StatusCode.VariableId, response.StatusCode);
        context.SetOutput(ParsedContent.Name, ParsedContent.VariableId, response.ParsedContent());
        context.SetOutput(ResponseHeaders.Name, ResponseHeaders.VariableId, response.HeadersJson());
        context.JournalData["statusCode"] = response.StatusCode;
        return await OnResponseAsync(context, response.StatusCode);
    }

    private async Task<HttpRequestMessage> PrepareAsync(ActivityContext context)
    {
        var url = await context.GetRequiredAsync(Url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ActivityFaultException("InvalidUrl", $"Input 'url' of activity '{Id}' is not an absolute http(s) URL: '{url}'.", retryable: false);
        var method = await context.GetAsync(Method);
        var request = new HttpRequestMessage(new HttpMethod(string.IsNullOrWhiteSpace(method) ? "GET" : method.Trim().ToUpperInvariant()), uri);

        if (await context.GetAsync(Authorization) is { Length: > 0 } authorization)
        {
            if (await context.GetAsync(DisableAuthorizationHeaderValidation))
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            else
                request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        foreach (var (name, values) in HttpHeaderValues.From(ValueConverter.ToJson(await context.GetAsync(RequestHeaders))))
            request.Headers.TryAddWithoutValidation(name, values);

        var contentType = await context.GetAsync(ContentType);
        var content = ValueConverter.ToJson(await context.GetAsync(Content));
        if (!string.IsNullOrWhiteSpace(contentType) && content is not null)
        {
            var text = content is JsonValue v && v.TryGetValue<string>(out var s) ? s : content.ToJsonString();
            request.Content = new StringContent(text, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType).MediaType ?? "text/plain");
        }
        return request;
    }

    /// <summary>A response read whole, kept with the failure so that the last one is still handled once retries are spent.</summary>
    internal sealed record ReceivedResponse(int StatusCode, Dictionary<string, string[]> Headers, string? MediaType, string Body)
    {
        public static async Task<ReceivedResponse> ReadAsync(HttpResponseMessage response, CancellationToken ct)
        {
            var headers = response.Headers.Concat(response.Content.Headers).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.SelectMany(h => h.Value).ToArray(), StringComparer.OrdinalIgnoreCase);
            return new((int)response.StatusCode, headers, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(ct));
        }

        public JsonNode? ParsedContent()
        {
            if (Body.Length == 0)
                return null;
            if (MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            {
                try
                {
                    return JsonNode.Parse(Body);
                }
                catch (JsonException)
                {
                    // Declared as JSON but is not: the text is what there is.
                }
            }
            return Body;
        }

        public JsonObject HeadersJson() => new(Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)new JsonArray(h.Value.Select(v => (JsonNode?)v).ToArray()))));

        public JsonObject ToJson() => new() { ["statusCode"] = StatusCode, ["headers"] = HeadersJson(), ["content"] = ParsedContent() };
    }
}
