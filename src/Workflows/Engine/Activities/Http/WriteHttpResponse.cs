using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;
using ExportTaxCheck.Engine.Http;

namespace ExportTaxCheck.Engine.Activities.Http;

/// <summary>
/// Writes the response to the HTTP request the step runs for (Elsa.WriteHttpResponse): text as it is, anything else as
/// JSON. A step that no request is waiting on (resumed by a timer or another request) faults, as Elsa's does when the
/// HTTP context is gone.
/// </summary>
[Activity("Elsa", "HTTP", "Write a response to the current HTTP response object.", DisplayName = "HTTP Response")]
public sealed class WriteHttpResponse : Activity
{
    [Input(Description = "The status code to return.", UIHint = UIHints.DropDown, DefaultValue = HttpStatusCode.OK)]
    public Input<HttpStatusCode> StatusCode { get; set; } = null!;

    [Input(Description = "The content to write back. String values will be sent as-is, while objects will be serialized to a JSON string.")]
    public Input<object> Content { get; set; } = null!;

    [Input(Description = "The content type to write when sending the response.", UIHint = UIHints.DropDown,
        Options = ["", "text/plain", "text/html", "application/json", "application/xml", "text/xml"])]
    public Input<string?> ContentType { get; set; } = null!;

    [Input(Description = "The headers to send along with the response.", UIHint = UIHints.JsonEditor, Category = "Advanced")]
    public Input<object> ResponseHeaders { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var exchange = HttpExchange.Current ?? throw new ActivityFaultException("NoHttpContext",
            $"Activity '{Id}' (Elsa.WriteHttpResponse) has no HTTP request to answer: the request that started or resumed this workflow was answered when it was suspended, and this step was resumed by something else.",
            retryable: false, category: "HTTP");

        var status = await context.GetAsync(StatusCode);
        var content = ValueConverter.ToJson(await context.GetAsync(Content));
        var contentType = await context.GetAsync(ContentType);
        var headers = HttpHeaderValues.From(ValueConverter.ToJson(await context.GetAsync(ResponseHeaders)));
        byte[] body = [];
        if (content is not null)
        {
            var text = content is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (string.IsNullOrWhiteSpace(contentType))
                contentType = text is not null ? "text/plain" : "application/json";
            body = status == HttpStatusCode.NoContent ? [] : Encoding.UTF8.GetBytes(text ?? content.ToJsonString());
        }

        exchange.Response = new HttpResponseData((int)status, headers, content is null ? null : contentType, body);
        context.JournalData["statusCode"] = (int)status;
        return Done();
    }
}
