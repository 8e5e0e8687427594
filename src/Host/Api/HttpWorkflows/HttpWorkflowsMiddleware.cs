using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Http;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Host.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Api.HttpWorkflows;

/// <summary>
/// Serves HTTP workflows under the base path, as Elsa's HTTP middleware does: the request's path is matched against the
/// HttpEndpoint templates (route values such as <c>{id}</c> become the activity's RouteData), then the published trigger
/// starts an instance or the waiting bookmark (narrowed by <c>?workflowInstanceId=</c> or <c>?correlationId=</c>) resumes
/// one. The answer is what Elsa.WriteHttpResponse wrote, else Elsa's <c>{ "workflowInstanceIds": [] }</c>; a request that
/// matches nothing is a 404 ProblemDetails, one that matches several a 409.
/// </summary>
public sealed class HttpWorkflowsMiddleware(RequestDelegate next, IOptions<HttpWorkflowsOptions> options)
{
    public async Task InvokeAsync(HttpContext context, Engine.Http.HttpWorkflows workflows, IAuthorizationService authorization, DurableCommits commits)
    {
        var basePath = "/" + options.Value.BasePath.Trim().Trim('/');
        var path = context.Request.Path.Value ?? "/";
        if (!path.StartsWith(basePath + "/", StringComparison.OrdinalIgnoreCase) && !string.Equals(path, basePath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var ct = context.RequestAborted;
        var relative = path.Length > basePath.Length ? path[basePath.Length..] : "/";
        var (route, routeValues) = Match(await workflows.RoutesAsync(ct), relative)
            ?? throw new NotFoundException($"No HTTP workflow listens on {context.Request.Method} {path}.", "HTTP_WORKFLOW_NOT_FOUND");
        var instanceId = NullIfEmpty(context.Request.Query["workflowInstanceId"]);
        var correlationId = NullIfEmpty(context.Request.Query["correlationId"]);
        var match = await workflows.MatchAsync(route, context.Request.Method, instanceId, correlationId, ct);
        switch (match.Kind)
        {
            case HttpWorkflowOutcomeKind.NotFound:
                throw new NotFoundException($"No HTTP workflow listens on {context.Request.Method} {path}.", "HTTP_WORKFLOW_NOT_FOUND");
            case HttpWorkflowOutcomeKind.Ambiguous:
                throw new ConflictException("HTTP_WORKFLOW_AMBIGUOUS",
                    $"{match.Ambiguous!.Count} workflows listen on {context.Request.Method} {path} ({string.Join(", ", match.Ambiguous)}); name one with ?workflowInstanceId= or ?correlationId=.");
        }

        if (match.Authorize && context.User.Identity?.IsAuthenticated != true)
            throw new UnauthorizedException("UNAUTHENTICATED", "This HTTP workflow accepts authenticated requests only.");
        if (match.Policy is { } policy && !(await authorization.AuthorizeAsync(context.User, policy)).Succeeded)
            throw new ForbiddenException("POLICY_NOT_SATISFIED", $"The request does not satisfy policy '{policy}'.");

        var exchange = new HttpExchange(await DescribeAsync(context.Request, path, routeValues, options.Value.MaxRequestBodyBytes, ct));
        var run = await workflows.RunAsync(match, exchange, correlationId, match.Trigger is null ? null : instanceId,
            NullIfEmpty(context.Request.Headers[RequestReading.IdempotencyKeyHeader]), ct);
        // A GET runs a workflow here too: its answer waits for the log on disk as a command's does (DurableAnswers).
        if (!DurableAnswers.IsCommand(context.Request.Method))
            await commits.FlushAsync(CancellationToken.None);
        await WriteAsync(context.Response, exchange.Response, run, ct);
    }

    /// <summary>The first template (literal segments before parameters, as ASP.NET orders them) that matches the path.</summary>
    private static (string Route, RouteValueDictionary Values)? Match(IReadOnlyList<string> routes, string relative)
    {
        foreach (var route in routes.OrderBy(r => r.Contains('{', StringComparison.Ordinal)).ThenByDescending(r => r.Length))
        {
            try
            {
                var values = new RouteValueDictionary();
                if (new TemplateMatcher(TemplateParser.Parse(route.TrimStart('/')), new RouteValueDictionary()).TryMatch(relative, values))
                    return (route, values);
            }
            catch (ArgumentException)
            {
                // A template ASP.NET cannot parse matches nothing.
            }
        }
        return null;
    }

    private static async Task<JsonObject> DescribeAsync(HttpRequest request, string path, RouteValueDictionary routeValues, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            throw new PayloadTooLargeException(maxBytes);
        var headers = new JsonObject();
        foreach (var (name, value) in request.Headers)
            headers[name] = value.Count == 1 ? value[0] : new JsonArray(value.Select(v => (JsonNode?)v).ToArray());
        var query = new JsonObject();
        foreach (var (name, value) in request.Query)
            query[name] = value.Count == 1 ? value[0] : new JsonArray(value.Select(v => (JsonNode?)v).ToArray());
        var routeData = new JsonObject();
        foreach (var (name, value) in routeValues)
            routeData[name] = value?.ToString();

        var described = new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = path,
            ["queryString"] = request.QueryString.Value,
            ["query"] = query,
            ["headers"] = headers,
            ["routeData"] = routeData,
            ["contentType"] = request.ContentType,
            ["authenticated"] = request.HttpContext.User.Identity?.IsAuthenticated == true,
            ["user"] = request.HttpContext.User.FindFirstValue(ClaimTypes.Name),
        };
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            described["form"] = new JsonObject(form.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)(f.Value.Count == 1 ? f.Value[0] : new JsonArray(f.Value.Select(v => (JsonNode?)v).ToArray())))));
            return described;
        }

        using var buffer = await RequestReading.ReadBodyAsync(request, maxBytes, ct);
        if (buffer.Length > 0)
            described["body"] = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return described;
    }

    private static async Task WriteAsync(HttpResponse response, HttpResponseData? written, WorkflowRunResult run, CancellationToken ct)
    {
        if (written is null)
        {
            // Elsa's answer when the workflow wrote none: the instances it ran.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            await response.WriteAsync(new JsonObject { ["workflowInstanceIds"] = new JsonArray(run.InstanceId) }.ToJsonString(), ct);
            return;
        }

        response.StatusCode = written.StatusCode;
        foreach (var (name, values) in written.Headers)
            response.Headers[name] = values;
        if (written.ContentType is not null)
            response.ContentType = written.ContentType.Contains("charset", StringComparison.OrdinalIgnoreCase) || !written.ContentType.StartsWith("text/", StringComparison.Ordinal)
                ? written.ContentType
                : written.ContentType + "; charset=utf-8";
        if (written.Body.Length > 0)
            await response.Body.WriteAsync(written.Body, ct);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
