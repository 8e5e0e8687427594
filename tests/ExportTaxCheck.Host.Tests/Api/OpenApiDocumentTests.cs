using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Host.Api;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>
/// The OpenAPI document (<c>GET /openapi/v1.json</c>) describes what every endpoint answers: handlers return typed
/// results and response records, so an anonymous object or an untyped <c>IResult</c> shows up here as a success without
/// a schema.
/// </summary>
public class OpenApiDocumentTests(OpenApiDocumentTests.Shared shared) : IClassFixture<OpenApiDocumentTests.Shared>
{
    /// <summary>
    /// Success answers that are not a JSON record, each with the reason. 204s need no entry: they have no body.
    /// </summary>
    private static readonly Dictionary<string, string> NotARecord = new(StringComparer.Ordinal)
    {
        // HTML pages.
        ["GET /studio"] = "the Studio page is HTML",
        // Elsa Studio's own configuration file, in the PascalCase shape its WebAssembly bundle reads (src/Host/Studio).
        ["GET /studio/appsettings.json"] = "Studio's bundle configuration",
        // A definition is answered as Elsa's JSON exactly as the engine writes it (WorkflowJson) plus links, so that
        // properties the engine does not model travel unchanged; its schema is therefore a JSON object.
        ["GET /elsa/api/workflow-definitions/by-definition-id/{definitionId}"] = "Elsa definition JSON",
        ["GET /elsa/api/workflow-definitions/by-id/{id}"] = "Elsa definition JSON",
        ["POST /elsa/api/workflow-definitions/{definitionId}/retract"] = "Elsa definition JSON",
        ["POST /elsa/api/workflow-definitions/import"] = "Elsa definition JSON",
        // File downloads: the body is the file, described as binary.
        ["GET /elsa/api/workflow-definitions/{definitionId}/export"] = "file download",
        ["GET /elsa/api/workflow-definitions/by-id/{id}/export"] = "file download",
        ["GET /api/cases/{caseId}/documents/{docId}/content"] = "file download",
        ["GET /api/cases/{caseId}/documents/{docId}/preview"] = "file shown inline",
        // The TypeScript declarations Studio's Monaco editor loads.
        ["POST /elsa/api/scripting/javascript/type-definitions/{definitionId}"] = "text",
    };

    /// <summary>Schemas that name no contract: what a JsonNode-typed answer gets.</summary>
    private static readonly HashSet<string> GenericSchemas = ["JsonNode", "JsonObject", "JsonArray"];

    public sealed class Shared : IAsyncLifetime
    {
        public HostFixture Host { get; } = new();
        public JsonObject Document { get; private set; } = null!;

        public async Task InitializeAsync() => Document = (JsonObject)await Host.Analyst().GetJsonAsync("/openapi/v1.json");

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public void OpenApiDocument_EveryMappedEndpoint_IsAnOperation()
    {
        var operations = Operations().Select(o => o.Key).ToHashSet(StringComparer.Ordinal);

        var missing = MappedEndpoints().Select(e => e.Key).Where(k => !operations.Contains(k)).ToList();

        Assert.True(missing.Count == 0, "Mapped but not in the OpenAPI document: " + string.Join(", ", missing));
    }

    [Fact]
    public void OpenApiDocument_EveryOperation_DocumentsASuccessResponse()
    {
        var undocumented = Operations()
            .Where(o => !o.Operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('2')))
            .Select(o => o.Key).ToList();

        Assert.True(undocumented.Count == 0, "Operations without a documented success response: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void OpenApiDocument_JsonSuccessResponses_NameARecordSchema()
    {
        var schemas = shared.Document["components"]!["schemas"]!.AsObject();
        var failures = new List<string>();
        foreach (var (key, operation) in Operations().Where(o => !NotARecord.ContainsKey(o.Key)))
        {
            foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2') && r.Key != "204"))
            {
                var json = response!["content"]?["application/json"];
                if (json is null)
                {
                    failures.Add($"{key} {status}: no application/json body");
                    continue;
                }
                var schema = json["schema"];
                var reference = (schema?["type"]?.GetValue<string>() == "array" ? schema["items"] : schema)?["$ref"]?.GetValue<string>();
                var name = reference?.Split('/')[^1];
                if (name is null || !schemas.ContainsKey(name))
                    failures.Add($"{key} {status}: schema {schema?.ToJsonString() ?? "missing"} names no component");
                else if (name.StartsWith("AnonymousType", StringComparison.Ordinal) || GenericSchemas.Contains(name))
                    failures.Add($"{key} {status}: schema {name} is no response record");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void OpenApiDocument_IdempotentCommands_BindAndDocumentTheHeader()
    {
        string[] expected =
        [
            "GET /elsa/api/alterations/workflows/retry",
            "POST /api/cases",
            "POST /api/cases/{caseId}/certificate-applications",
            "POST /api/cases/{caseId}/certificates/{certificateNo}/cancel",
            "POST /api/cases/{caseId}/documents/{docId}/decision",
            "POST /api/cases/{caseId}/hold",
            "POST /api/cases/{caseId}/lines/{lineNo}/correction",
            "POST /api/cases/{caseId}/paper-certificates",
            "POST /api/cases/{caseId}/release",
            "POST /api/cases/{caseId}/return-declarations",
            "POST /api/cases/{caseId}/withdraw",
            "POST /api/refund-declarations",
            "POST /api/tasks/{taskId}/complete",
            "POST /elsa/api/alterations/run",
            "POST /elsa/api/alterations/workflows/retry",
            "POST /elsa/api/bookmarks/{bookmarkId}/resume",
            "POST /elsa/api/cancel/workflow-instances/{id}",
            "POST /elsa/api/events/{eventName}/trigger",
            "POST /elsa/api/tasks/{taskId}/complete",
            "POST /elsa/api/workflow-definitions/{definitionId}/dispatch",
            "POST /elsa/api/workflow-definitions/{definitionId}/execute",
            "POST /elsa/api/workflow-instances/{id}/cancel",
        ];
        var operations = Operations().ToDictionary(o => o.Key, o => o.Operation, StringComparer.Ordinal);

        var binding = MappedEndpoints().Where(e => e.Handler.GetParameters()
                .Any(p => p.GetCustomAttribute<FromHeaderAttribute>()?.Name == RequestReading.IdempotencyKeyHeader))
            .Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        var undocumented = binding.Where(c => !operations[c]["parameters"]!.AsArray()
            .Any(p => p!["in"]!.GetValue<string>() == "header" && p["name"]!.GetValue<string>() == RequestReading.IdempotencyKeyHeader)).ToList();

        Assert.Equal(expected, binding);
        Assert.True(undocumented.Count == 0, "Commands that bind the Idempotency-Key without documenting it: " + string.Join(", ", undocumented));
    }

    private IEnumerable<(string Key, JsonObject Operation)> Operations() =>
        from path in shared.Document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Key != "parameters"
        select ($"{operation.Key.ToUpperInvariant()} {path.Key}", operation.Value!.AsObject());

    /// <summary>
    /// The route handlers the Host maps, as "METHOD /path" in OpenAPI's form; pages and health checks have no handler, and
    /// the document's own endpoint is not in the document.
    /// </summary>
    private IEnumerable<(string Key, MethodInfo Handler)> MappedEndpoints() =>
        from endpoint in shared.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        let handler = endpoint.Metadata.GetMetadata<MethodInfo>()
        let path = "/" + endpoint.RoutePattern.RawText!.Trim('/')
        where handler is not null && !path.StartsWith("/openapi/", StringComparison.Ordinal)
        from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []
        // OpenAPI paths leave out route constraints: {docId:guid} is {docId}.
        select ($"{method} {Regex.Replace(path, @"\{([^}:]+):[^}]+\}", "{$1}")}", handler);
}
