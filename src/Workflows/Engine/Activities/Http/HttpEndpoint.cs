using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Http;

namespace ExportTaxCheck.Engine.Activities.Http;

/// <summary>
/// Waits for an HTTP request on a path and methods, under the Host's base path (Elsa.HttpEndpoint, default
/// <c>/workflows</c>): as the start of a published workflow each request starts an instance; inside a flow it is a
/// bookmark the next matching request resumes. The request's parsed body, route values, query and headers are its outputs.
/// </summary>
[Activity("Elsa", "HTTP", "Wait for an inbound HTTP request that matches the specified path and methods.", DisplayName = "HTTP Endpoint", Kind = ActivityKind.Trigger)]
public sealed class HttpEndpoint : Activity, ITriggerActivity
{
    public const string BookmarkName = "Elsa.HttpEndpoint";
    private static readonly string[] DefaultMethods = ["GET"];

    [Input(Description = "The path to associate with the workflow.", UIHint = UIHints.SingleLine)]
    public Input<string> Path { get; set; } = null!;

    [Input(Description = "The HTTP methods to accept.", Options = ["GET", "POST", "PUT", "HEAD", "DELETE"], UIHint = UIHints.CheckList, DefaultSyntax = "Object")]
    public Input<object> SupportedMethods { get; set; } = null!;

    [Input(Description = "Allow authenticated requests only.", Category = "Security")]
    public Input<bool> Authorize { get; set; } = null!;

    [Input(Description = "Provide a policy to evaluate. If the policy fails, the request is forbidden.", Category = "Security")]
    public Input<string?> Policy { get; set; } = null!;

    [Input(Description = "The maximum request size allowed in bytes.", Category = "Upload")]
    public Input<long?> RequestSizeLimit { get; set; } = null!;

    [Input(Description = "A value indicating whether to expose the \"Request too large\" outcome.", Category = "Outcomes", IsWrapped = false)]
    public bool ExposeRequestTooLargeOutcome { get; set; }

    [Output(Description = "The received request (method, path, query, headers, body).")]
    public Output<object> Result { get; set; } = null!;

    [Output(Description = "The parsed request content, if any.")]
    public Output<object> ParsedContent { get; set; } = null!;

    [Output(Description = "The parsed route data, if any.")]
    public Output<object> RouteData { get; set; } = null!;

    [Output(Description = "The querystring data, if any.")]
    public Output<object> QueryStringData { get; set; } = null!;

    [Output(Description = "The headers, if any.")]
    public Output<object> Headers { get; set; } = null!;

    public override IReadOnlyList<string>? GetOutcomes() => ExposeRequestTooLargeOutcome ? ["Done", "Request too large"] : ["Done"];

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.IsTriggerOfWorkflow && HttpExchange.Current is { } exchange)
            return await ReceiveAsync(context, exchange.Request);

        var path = await context.GetRequiredAsync(Path);
        foreach (var method in Methods(await context.GetAsync(SupportedMethods)))
            context.CreateBookmark(new BookmarkRequest(BookmarkName, Stimulus(path, method), new JsonObject { ["path"] = Normalize(path), ["method"] = method }));
        context.JournalData["path"] = Normalize(path);
        return Suspend();
    }

    protected internal override ValueTask<ActivityResult> ResumeAsync(ActivityContext context) =>
        ReceiveAsync(context, HttpExchange.Current?.Request ?? context.Resumption!.Input);

    private async ValueTask<ActivityResult> ReceiveAsync(ActivityContext context, JsonObject request)
    {
        context.SetOutput(Result.Name, Result.VariableId, request.DeepClone());
        context.SetOutput(RouteData.Name, RouteData.VariableId, request["routeData"]?.DeepClone() ?? new JsonObject());
        context.SetOutput(QueryStringData.Name, QueryStringData.VariableId, request["query"]?.DeepClone() ?? new JsonObject());
        context.SetOutput(Headers.Name, Headers.VariableId, request["headers"]?.DeepClone() ?? new JsonObject());

        var body = request["body"] is JsonValue b && b.TryGetValue<string>(out var text) ? text : null;
        if (await context.GetAsync(RequestSizeLimit) is { } limit && body is not null && System.Text.Encoding.UTF8.GetByteCount(body) > limit)
        {
            if (ExposeRequestTooLargeOutcome)
                return Outcome("Request too large");
            throw new ActivityFaultException("RequestTooLarge", $"The request to '{request["path"]}' is larger than activity '{Id}' allows ({limit} bytes).", retryable: false);
        }

        context.SetOutput(ParsedContent.Name, ParsedContent.VariableId, Parse(request, body));
        context.JournalData["method"] = request["method"]?.DeepClone();
        context.JournalData["path"] = request["path"]?.DeepClone();
        return Done();
    }

    /// <summary>A JSON body parsed as JSON, a form as its fields, anything else as text (as Elsa's content parsers do).</summary>
    private static JsonNode? Parse(JsonObject request, string? body)
    {
        if (request["form"] is JsonObject form)
            return form.DeepClone();
        if (string.IsNullOrEmpty(body))
            return null;
        var contentType = request["contentType"] is JsonValue c && c.TryGetValue<string>(out var type) ? type : "";
        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return JsonNode.Parse(body);
            }
            catch (JsonException ex)
            {
                throw new ActivityFaultException("InvalidJsonPayload", $"The request body is not valid JSON: {ex.Message}", retryable: false);
            }
        }
        return body;
    }

    public IEnumerable<TriggerRequest> GetTriggers(TriggerContext context)
    {
        if (StaticInputs.Literal(Path) is not { Length: > 0 } path)
            yield break;
        foreach (var method in Methods(StaticMethods()))
            yield return new TriggerRequest(BookmarkName, Stimulus(path, method), new JsonObject { ["path"] = Normalize(path), ["method"] = method });
    }

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context) =>
        StaticInputs.RequireLiteral(Path, Id, "a path");

    /// <summary>What a request is matched on: the path template (lower case, one leading slash) and the method.</summary>
    public static JsonObject Stimulus(string path, string method) => new() { ["path"] = Normalize(path).ToLowerInvariant(), ["method"] = method.ToLowerInvariant() };

    public static string Normalize(string path) => "/" + path.Trim().Trim('/');

    private object? StaticMethods() => StaticInputs.StringList(SupportedMethods) is { } list ? list : StaticInputs.Literal(SupportedMethods);

    private static IEnumerable<string> Methods(object? value)
    {
        var methods = Expressions.ValueConverter.ToJson(value) switch
        {
            JsonArray array => array.Select(m => m?.ToString() ?? "").ToList(),
            JsonValue v when v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('[') => JsonNode.Parse(text)?.AsArray().Select(m => m?.ToString() ?? "").ToList() ?? [],
            JsonValue v when v.TryGetValue<string>(out var text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            _ => [],
        };
        var cleaned = methods.Where(m => m.Length > 0).Select(m => m.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        return cleaned.Count > 0 ? cleaned : DefaultMethods;
    }
}
