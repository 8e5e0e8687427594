using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Host.Api;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.AspNetCore.Routing;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>
/// Generates bad requests for every endpoint the Host maps (read from its <see cref="EndpointDataSource"/>, so a new
/// endpoint is covered without touching this file): unknown ids in every route parameter, bad query values, malformed
/// and mutated bodies, oversize bodies, bad idempotency keys, wrong-state commands, broken uploads, mutated workflow
/// definitions and the officer pages' form posts. Every random choice comes from one seeded <see cref="Random"/>.
/// </summary>
public sealed partial class BadRequestGenerator(GeneratedBadInputTests.SeededHost seeded, Random random)
{
    public const string UnknownCertificateNo = "BTZM-14403000000-2026-999999";
    public const string ProbeEvent = "bad-input-probe";

    private static readonly string[] AlwaysUnknown = ["no-such-id"];

    private static readonly string[] UnknownIds =
    [
        "0", "-1", "null", "undefined", "%20", "a%2Fb", "a%252Fb", "%E6%A1%88%E4%BB%B6", "%27%20OR%201%3D1--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        // No %00: Kestrel refuses a NUL in the path itself, with an empty 400, before the application sees the request.
        new string('x', 600), "RC-2026-999999", "00000000-0000-0000-0000-000000000000", "BTZM-0-0-0", "known%20", "KNOWN",
    ];

    private static readonly string[] BadInts = ["-1", "0", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "abc", "1.5", "1e3", "%20"];

    private static readonly string[] BadBools = ["yes", "2", "%20", "TRUE1"];

    private static readonly string[] BadDates =
        ["2026-13-45", "yesterday", "0000-00-00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00%2B14:00", "2026-08-01T25:00", "1e10", "%20"];

    private static readonly string[] BadStrings =
    [
        "Sometimes", "999", "-1", "%00", "%E6%A1%88", "%27%20OR%201%3D1--", "Latest,Published", "%25", new string('q', 3000), "%FF%FE", "__proto__",
    ];

    private static readonly HashSet<string> UnknownIsFine = new(StringComparer.Ordinal)
    {
        // An event nobody waits for is published to nobody; the type definitions are the same text for any definition.
        "POST /elsa/api/events/{eventName}/trigger",
        "POST /elsa/api/scripting/javascript/type-definitions/{definitionId}",
    };

    public IReadOnlyList<EndpointShape> Endpoints { get; private set; } = [];

    public async Task<List<Probe>> GenerateAsync()
    {
        Endpoints = await EndpointCatalog.EnumerateAsync(seeded.Host.Services);
        var probes = new List<Probe>();
        foreach (var endpoint in Endpoints)
        {
            probes.AddRange(RouteProbes(endpoint));
            probes.AddRange(QueryProbes(endpoint));
            probes.AddRange(BodyProbes(endpoint));
            probes.AddRange(PageProbes(endpoint));
        }
        probes.AddRange(WrongStateProbes());
        probes.AddRange(CaseControlProbes());
        probes.AddRange(IdempotencyProbes());
        probes.AddRange(UploadProbes());
        probes.AddRange(DefinitionProbes());
        return probes;
    }

    // ---- targets: the seeded rows each route parameter points at when the probe is about something else ----

    /// <summary>
    /// The seeded value a route parameter takes when the probe tests something else. Commands point at rows in a
    /// state that refuses them (a spent task, a finished instance, a closed case), so a body the endpoint ignores
    /// cannot make it act; reads and body-processing commands point at real rows.
    /// </summary>
    private string Target(EndpointShape endpoint, string parameter)
    {
        var p = endpoint.Pattern;
        var s = seeded;
        return parameter switch
        {
            "definitionId" when p.EndsWith("/publish", StringComparison.Ordinal) => "invalid-draft",
            "definitionId" when p.EndsWith("/retract", StringComparison.Ordinal) => "draft-only",
            "definitionId" => "known",
            "id" when p.StartsWith("/elsa/api/workflow-definition", StringComparison.Ordinal) => s.PublishedVersionId,
            "id" when p.StartsWith("/elsa/api/activity-executions", StringComparison.Ordinal) => s.ActivityExecutionId,
            "id" when p.StartsWith("/elsa/api/workflow-instances", StringComparison.Ordinal) => s.FinishedInstance,
            "id" when p.StartsWith("/api/outbox", StringComparison.Ordinal) => s.SentMessageId,
            "id" when p.StartsWith("/tasks", StringComparison.Ordinal) => s.SpentHumanTask,
            "id" when p.StartsWith("/cases", StringComparison.Ordinal) => s.OpenCase,
            "taskId" when p.StartsWith("/elsa/api", StringComparison.Ordinal) => s.SpentRunTask,
            "taskId" => s.SpentHumanTask,
            "bookmarkId" => s.SpentBookmark,
            "caseId" when p.EndsWith("/withdraw", StringComparison.Ordinal) || p.EndsWith("/hold", StringComparison.Ordinal)
                          || p.EndsWith("/release", StringComparison.Ordinal) || p.Contains("/lines/", StringComparison.Ordinal) => s.ClosedCase,
            "caseId" when p.Contains("certificate", StringComparison.Ordinal) || p.EndsWith("/return-declarations", StringComparison.Ordinal) => s.CertificateCase,
            "caseId" => s.OpenCase,
            "docId" => s.DocumentId,
            "certificateNo" => UnknownCertificateNo,
            "eventName" => ProbeEvent,
            "typeName" => "Elsa.WriteLine",
            "exportDocNo" => GeneratedBadInputTests.SeededHost.OpenDeclaration,
            "itemNo" or "lineNo" => "1",
            "documentName" => "v1",
            _ => "probe-" + parameter,
        };
    }

    private string Url(EndpointShape endpoint, string? parameter = null, string? value = null, string query = "") =>
        Regex.Replace(endpoint.Pattern, @"\{([^}:?=*]+)[^}]*\}", m => m.Groups[1].Value == parameter ? value! : Uri.EscapeDataString(Target(endpoint, m.Groups[1].Value))) + query;

    private Probe Make(string family, EndpointShape endpoint, string url, string what) => new(family, endpoint.Method, url, endpoint.Caller, endpoint.Key)
    {
        What = what,
        IsApi = endpoint.IsApi,
    };

    private Probe WithJson(Probe probe, JsonNode? body) => body is null ? probe : probe with { Body = Encoding.UTF8.GetBytes(JsonMutations.Text(body)), ContentType = "application/json" };

    // ---- families ----

    private IEnumerable<Probe> RouteProbes(EndpointShape endpoint)
    {
        foreach (var parameter in endpoint.RouteParameters)
        {
            var values = AlwaysUnknown.Append(Guid.NewGuid().ToString("N")).Concat(UnknownIds.OrderBy(_ => random.Next()).Take(5));
            foreach (var value in values.Select(v => parameter is "itemNo" or "lineNo" && random.Next(2) == 0 ? "2147483648" : v))
            {
                yield return WithJson(Make("route ids", endpoint, Url(endpoint, parameter, value), $"unknown {parameter} '{Short(value)}'"), Template(endpoint)) with
                {
                    MustBeRefused = !UnknownIsFine.Contains(endpoint.Key),
                };
            }
        }
        if (endpoint.RouteParameters.Count == 0 && endpoint.Query.Count == 0 && Template(endpoint) is null)
            yield return Make("query", endpoint, Url(endpoint, query: "?page=-1&pageSize=abc&%FF=%FE"), "unexpected query parameters");
    }

    private IEnumerable<Probe> QueryProbes(EndpointShape endpoint)
    {
        if (endpoint.Method != "GET")
            yield break;
        foreach (var (name, type) in endpoint.Query)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            var values = t == typeof(int) ? BadInts
                : t == typeof(bool) ? BadBools
                : t == typeof(DateTimeOffset) ? BadDates
                : t == typeof(Guid) ? ["not-a-guid", "%20"]
                : t == typeof(string[]) ? ["x&" + name + "=%00", "%FF"]
                : BadStrings.OrderBy(_ => random.Next()).Take(4).ToArray();
            foreach (var value in values)
                yield return Make("query", endpoint, Url(endpoint, query: $"?{name}={value}"), $"{name}={Short(value)}");
        }
    }

    private IEnumerable<Probe> BodyProbes(EndpointShape endpoint)
    {
        if (endpoint.IsPage || Template(endpoint) is not { } template)
            yield break;
        var url = Url(endpoint);
        // A sample of the malformed bodies per endpoint keeps the run short; across the endpoints each kind is sent many times.
        foreach (var body in JsonMutations.Malformed(template, random).Where(_ => random.Next(3) != 0))
            yield return Make("malformed bodies", endpoint, url, body.What) with { Body = body.Bytes, ContentType = body.ContentType, MustBeRefused = !body.MayBeAccepted };
        foreach (var body in JsonMutations.FieldMutations(template, random, endpoint.Pattern == "/api/cases" ? 30 : 10))
            yield return Make("field mutations", endpoint, url, body.What) with { Body = body.Bytes, ContentType = body.ContentType };
        if (Limit(endpoint) is { } limit)
        {
            var padded = (JsonObject)template.DeepClone();
            var size = Encoding.UTF8.GetByteCount(padded.ToJsonString());
            padded["padding"] = new string('p', (int)(limit + 1 - size - "\"padding\":\"\",".Length));
            yield return WithJson(Make("oversize", endpoint, url, $"{limit + 1} bytes, one over the limit"), padded) with { MustBeRefused = true };
        }
    }

    /// <summary>The body limit an endpoint enforces; null where the limit is a document's size (see <see cref="UploadProbes"/>).</summary>
    private static long? Limit(EndpointShape endpoint) => endpoint.Pattern switch
    {
        "/api/cases" or "/api/cases/{caseId}/documents" => null,
        // Export line files are large by nature: this endpoint takes up to 16 MiB.
        "/api/reference-data/export-lines" => 16L * 1024 * 1024,
        _ => RequestReading.MaxJsonBodyBytes,
    };

    /// <summary>A valid body for each endpoint that reads one; the malformed and mutated bodies are made from it.</summary>
    private JsonNode? Template(EndpointShape endpoint)
    {
        const string decl = GeneratedBadInputTests.SeededHost.OpenDeclaration;
        return (endpoint.Method, endpoint.Pattern) switch
        {
            ("POST", "/elsa/api/workflow-definitions") => new JsonObject { ["model"] = Flows.TaskFlow("probe-save"), ["publish"] = false },
            ("POST", "/elsa/api/workflow-definitions/import") => Flows.TaskFlow("probe-import"),
            ("POST", "/elsa/api/workflow-definitions/{definitionId}/execute" or "/elsa/api/workflow-definitions/{definitionId}/dispatch") =>
                new JsonObject { ["input"] = new JsonObject { ["amount"] = 1 }, ["correlationId"] = "probe", ["versionOptions"] = "Published", ["name"] = "probe" },
            ("POST", "/elsa/api/events/{eventName}/trigger") => new JsonObject { ["correlationId"] = "probe", ["input"] = new JsonObject { ["amount"] = 1 } },
            ("POST", "/elsa/api/bookmarks/{bookmarkId}/resume") => new JsonObject { ["input"] = new JsonObject { ["amount"] = 1 } },
            ("POST", "/elsa/api/tasks/{taskId}/complete") => new JsonObject { ["result"] = new JsonObject { ["outcome"] = "Accept", ["data"] = new JsonObject(), ["comment"] = "probe" } },
            ("POST", var p) when p.StartsWith("/elsa/api/bulk-actions/", StringComparison.Ordinal) => new JsonObject { ["definitionIds"] = new JsonArray("no-such-definition") },
            ("POST", "/elsa/api/workflow-instances") => new JsonObject
            {
                ["page"] = 0, ["pageSize"] = 10, ["searchTerm"] = "probe", ["definitionIds"] = new JsonArray("known"), ["statuses"] = new JsonArray("Running"),
                ["orderBy"] = "created", ["orderDirection"] = "Ascending",
            },
            ("POST", "/elsa/api/workflow-instances/{id}/journal") => new JsonObject { ["page"] = 0, ["pageSize"] = 10 },
            ("POST", "/elsa/api/activity-executions/report") => new JsonObject { ["workflowInstanceId"] = seeded.FinishedInstance, ["activityNodeIds"] = new JsonArray("task") },
            ("POST", "/api/cases") => CaseDriver.Case([CaseDriver.Line(decl, 1, "Unsold", "2026-08-20")], [CaseDriver.Document("SelfDeclaration", decl, 1)]),
            ("POST", "/api/cases/{caseId}/documents") => CaseDriver.Document("OtherReturnEvidence", decl),
            ("POST", "/api/cases/{caseId}/documents/{docId:guid}/decision") => new JsonObject { ["accepted"] = true },
            ("POST", "/api/cases/{caseId}/return-declarations") =>
                CaseDriver.Declaration(seeded.CertificateNo, 500, "2026-08-20", 10000m, 7.1200m, 0.08m, GeneratedBadInputTests.SeededHost.CertificateDeclaration),
            ("POST", "/api/cases/{caseId}/certificates/{certificateNo}/cancel") => new JsonObject
            {
                ["reason"] = "probe", ["correctedQuantities"] = new JsonArray(new JsonObject { ["lineNo"] = 1, ["qty"] = 1 }),
            },
            ("POST", "/api/cases/{caseId}/certificates/{certificateNo}/reissue") => new JsonObject { ["reason"] = "probe" },
            ("POST", "/api/cases/{caseId}/paper-certificates") => new JsonObject { ["certificateNo"] = seeded.CertificateNo },
            ("POST", "/api/tasks/{taskId}/assign") => new JsonObject { ["assignee"] = "customs.officer" },
            ("POST", "/api/tasks/{taskId}/follow-up") => new JsonObject { ["followUp"] = "2026-08-03" },
            ("POST", "/api/tasks/{taskId}/comments") => new JsonObject { ["text"] = "probe" },
            ("POST", "/api/tasks/{taskId}/complete") => new JsonObject { ["outcome"] = "Accept", ["data"] = new JsonObject(), ["comment"] = "probe" },
            ("POST", "/api/tasks/{taskId}/due") => new JsonObject { ["dueAt"] = "2026-12-31T17:00+08:00" },
            ("POST", "/api/tasks/filters") => new JsonObject { ["name"] = "probe", ["query"] = "view=mine&sort=case" },
            ("POST", "/api/tasks/bulk/claim") => new JsonObject { ["taskIds"] = new JsonArray("probe") },
            ("POST", "/api/tasks/bulk/assign") => new JsonObject { ["taskIds"] = new JsonArray("probe"), ["assignee"] = "customs.officer" },
            ("POST", "/api/reference-data/export-lines") => new JsonObject
            {
                ["exportLines"] = new JsonArray(CaseDriver.ExportLine("530020260009990001", 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 100)),
            },
            ("POST", "/customs/api/cross-checks") => new JsonObject
            {
                ["declaration"] = CaseDriver.Declaration(UnknownCertificateNo, 1, "2026-08-20", 100m, 7.12m, 0.08m, decl), ["acceptGoodsNameDifference"] = false,
            },
            ("POST", "/customs/api/certificate-transmissions") => new JsonObject
            {
                ["messageId"] = Guid.Empty, ["certificate"] = new JsonObject { ["certificateNo"] = UnknownCertificateNo, ["lines"] = new JsonArray() },
                ["refundStatus"] = new JsonObject(),
            },
            ("POST", "/api/refund-declarations") => new JsonObject
            {
                ["lines"] = new JsonArray(new JsonObject
                {
                    ["exportDocNo"] = GeneratedBadInputTests.SeededHost.RefundDeclaration, ["exportItemNo"] = 1, ["qty"] = 1, ["vatRefunded"] = 13.00m, ["ctRefunded"] = 0,
                    ["kind"] = "Refund",
                }),
            },
            ("POST", "/api/cases/{caseId}/certificate-applications") => new JsonObject
            {
                ["exportDocNo"] = GeneratedBadInputTests.SeededHost.CertificateDeclaration, ["variant"] = "NotRefunded", ["refundStatus"] = "NotDeclared",
            },
            ("POST", "/api/cases/{caseId}/lines/{lineNo:int}/correction") => new JsonObject { ["returnedQty"] = 400, ["plannedEntryDate"] = "2026-08-20" },
            ("POST", "/api/cases/{caseId}/hold") => new JsonObject { ["reason"] = "probe" },
            ("POST", "/api/cases/{caseId}/release") => new JsonObject { ["comment"] = "probe" },
            ("POST", "/customs/api/certificate-status-updates") => new JsonObject
            {
                ["messageId"] = Guid.Empty, ["certificateNo"] = UnknownCertificateNo, ["sequence"] = 1, ["kind"] = "RefundStatus",
                ["refundStatus"] = new JsonObject { ["1"] = "Refunded" },
            },
            ("POST", "/customs/api/usage-reports") => UsageMessage(),
            ("POST", "/tax/api/usage-feedback") => UsageMessage(),
            _ => null,
        };
    }

    /// <summary>Commands on rows whose state refuses them: spent tasks and bookmarks, a finished instance, drafts, a closed case.</summary>
    private IEnumerable<Probe> WrongStateProbes()
    {
        var s = seeded;
        var decl = GeneratedBadInputTests.SeededHost.OpenDeclaration;
        (string Method, string Url, Caller Caller, JsonNode? Body, string What)[] commands =
        [
            ("POST", $"/elsa/api/tasks/{s.SpentRunTask}/complete", Caller.Analyst, new JsonObject(), "complete a spent RunTask"),
            ("POST", $"/elsa/api/tasks/{s.SpentHumanTask}/complete", Caller.Customs, new JsonObject { ["result"] = new JsonObject { ["outcome"] = "Accept" } }, "complete a completed human task (Elsa form)"),
            ("POST", $"/api/tasks/{s.SpentHumanTask}/complete", Caller.Customs, new JsonObject { ["outcome"] = "Accept" }, "complete a completed human task"),
            ("POST", $"/api/tasks/{s.SpentHumanTask}/claim", Caller.Customs, null, "claim a completed task"),
            ("POST", $"/api/tasks/{s.SpentHumanTask}/assign", Caller.Customs, new JsonObject { ["assignee"] = "customs.officer" }, "assign a completed task"),
            ("POST", $"/api/tasks/{s.SpentHumanTask}/follow-up", Caller.Customs, new JsonObject { ["followUp"] = "2026-08-03" }, "follow-up on a completed task"),
            ("POST", $"/api/tasks/{s.OpenHumanTask}/claim", Caller.Tax, null, "claim another role's task"),
            ("POST", $"/api/tasks/{s.OpenHumanTask}/follow-up", Caller.Customs, new JsonObject { ["followUp"] = "2026-08-03" }, "follow-up on a task not held"),
            ("POST", $"/api/tasks/{s.OpenHumanTask}/assign", Caller.Customs, new JsonObject { ["assignee"] = "tax.officer" }, "assign without being supervisor or holder"),
            ("POST", $"/api/tasks/{s.OpenHumanTask}/complete", Caller.Customs, new JsonObject { ["outcome"] = "Reject" }, "Reject without the required reasons"),
            ("POST", $"/api/tasks/{s.OpenHumanTask}/complete", Caller.Customs, new JsonObject { ["outcome"] = "NoSuchOutcome" }, "unknown outcome"),
            ("POST", $"/api/tasks/{s.OpenHumanTask}/complete", Caller.Customs, new JsonObject { ["outcome"] = null }, "no outcome"),
            ("POST", $"/api/tasks/{s.OpenHumanTask}/complete", Caller.Customs, new JsonObject { ["outcome"] = "Reject", ["data"] = new JsonObject { ["reasons"] = "one" } }, "reasons not a list"),
            ("POST", $"/api/tasks/{s.OpenHumanTask}/complete", Caller.Customs, new JsonObject { ["outcome"] = "RequestSupplement", ["data"] = new JsonObject { ["reasons"] = new JsonArray() } }, "empty reasons"),
            ("POST", $"/api/tasks/{s.OpenHumanTask}/complete", Caller.Customs, new JsonObject { ["outcome"] = "Accept", ["data"] = 5 }, "data not an object"),
            ("POST", $"/api/tasks/{s.OpenHumanTask}/complete", Caller.Tax, new JsonObject { ["outcome"] = "Accept" }, "complete another role's task"),
            ("POST", $"/elsa/api/tasks/{s.OpenHumanTask}/complete", Caller.Customs, new JsonObject { ["result"] = new JsonObject { ["outcome"] = "Reject" } }, "Reject without reasons (Elsa form)"),
            ("POST", $"/elsa/api/tasks/{s.OpenHumanTask}/complete", Caller.Customs, new JsonObject { ["result"] = "Accept" }, "result not an object"),
            ("POST", $"/elsa/api/workflow-instances/{s.FinishedInstance}/cancel", Caller.Analyst, null, "cancel a finished instance"),
            ("POST", "/elsa/api/workflow-definitions/no-such-definition/publish", Caller.Analyst, null, "publish an unknown definition"),
            ("POST", "/elsa/api/workflow-definitions/invalid-draft/publish", Caller.Analyst, null, "publish an invalid draft"),
            ("POST", "/elsa/api/workflow-definitions/draft-only/retract", Caller.Analyst, null, "retract a draft"),
            ("DELETE", "/elsa/api/workflow-definitions/known", Caller.Analyst, null, "delete a definition with running instances"),
            ("DELETE", "/elsa/api/workflow-definitions/export-return-case", Caller.Analyst, null, "delete the case flow with running cases"),
            ("DELETE", $"/elsa/api/workflow-definition-versions/{s.PublishedVersionId}", Caller.Analyst, null, "delete a published version"),
            ("POST", $"/elsa/api/bookmarks/{s.SpentBookmark}/resume", Caller.Analyst, new JsonObject(), "resume a spent bookmark"),
            ("POST", "/elsa/api/workflow-definitions/draft-only/execute", Caller.Analyst, new JsonObject(), "execute a definition never published"),
            ("POST", "/elsa/api/workflow-definitions/draft-only/dispatch", Caller.Analyst, new JsonObject(), "dispatch a definition never published"),
            ("POST", "/elsa/api/workflow-definitions/known/execute", Caller.Analyst, new JsonObject { ["versionOptions"] = "Draft" }, "execute a draft that does not exist"),
            ("POST", "/elsa/api/workflow-definitions/known/execute", Caller.Analyst, new JsonObject { ["triggerActivityId"] = "ghost" }, "execute from an unknown activity"),
            ("POST", "/elsa/api/workflow-definitions/known/execute", Caller.Analyst, new JsonObject { ["instanceId"] = s.FinishedInstance }, "execute with an existing instance id"),
            ("POST", $"/api/cases/{s.ClosedCase}/withdraw", Caller.Exporter, null, "withdraw a closed case"),
            ("POST", $"/api/cases/{s.ClosedCase}/documents", Caller.Exporter, CaseDriver.Document("OtherReturnEvidence", GeneratedBadInputTests.SeededHost.ClosedDeclaration), "evidence for a closed case"),
            ("POST", $"/api/cases/{s.OpenCase}/return-declarations", Caller.Exporter,
                CaseDriver.Declaration(s.CertificateNo, 500, "2026-08-20", 10000m, 7.1200m, 0.08m, GeneratedBadInputTests.SeededHost.CertificateDeclaration), "declaration before the certificate"),
            ("POST", $"/api/cases/{s.CertificateCase}/paper-certificates", Caller.Exporter, new JsonObject { ["certificateNo"] = s.CertificateNo }, "paper certificate without an outage"),
            ("POST", $"/api/cases/{s.OpenCase}/documents/{s.DocumentId}/decision", Caller.Customs, new JsonObject { ["accepted"] = true }, "decide on a self-declaration"),
            ("POST", $"/api/cases/{s.OpenCase}/documents", Caller.OtherExporter, CaseDriver.Document("OtherReturnEvidence", decl), "another enterprise's case"),
            ("POST", $"/api/cases/{s.OpenCase}/withdraw", Caller.OtherExporter, null, "withdraw another enterprise's case"),
            ("POST", $"/api/outbox/{s.SentMessageId}/retry", Caller.Customs, null, "retry a sent message"),
        ];
        foreach (var (method, url, caller, body, what) in commands)
        {
            yield return new Probe("wrong state", method, url, caller, "curated")
            {
                Body = body is null ? null : Encoding.UTF8.GetBytes(JsonMutations.Text(body)),
                ContentType = body is null ? null : "application/json",
                MustBeRefused = true,
                What = what,
            };
        }
    }

    /// <summary>Commands that take an Idempotency-Key header, with keys that are too long or reused for another request.</summary>
    private IEnumerable<Probe> IdempotencyProbes()
    {
        var s = seeded;
        (string Url, Caller Caller, JsonNode Body)[] commands =
        [
            ("/elsa/api/workflow-definitions/known/execute", Caller.Analyst, new JsonObject()),
            ("/elsa/api/workflow-definitions/known/dispatch", Caller.Analyst, new JsonObject()),
            ($"/elsa/api/events/{ProbeEvent}/trigger", Caller.Analyst, new JsonObject()),
            ($"/elsa/api/tasks/{s.OpenRunTask}/complete", Caller.Analyst, new JsonObject()),
            ($"/elsa/api/bookmarks/{s.OpenBookmark}/resume", Caller.Analyst, new JsonObject()),
            ($"/elsa/api/workflow-instances/{s.RunningInstance}/cancel", Caller.Analyst, new JsonObject()),
            ($"/api/tasks/{s.SpentHumanTask}/complete", Caller.Customs, new JsonObject { ["outcome"] = "Accept" }),
            ("/api/cases", Caller.Exporter, Template(new EndpointShape("/api/cases", "POST", Caller.Exporter, [], [], [], false))!),
            ($"/api/cases/{s.ClosedCase}/withdraw", Caller.Exporter, new JsonObject()),
        ];
        foreach (var (url, caller, body) in commands)
        {
            foreach (var key in new[] { new string('k', 201), new string('k', 4000), "key with spaces " + new string('s', 190) })
                yield return Command(url, caller, body, key, $"Idempotency-Key of {key.Length} characters");
            if (!url.StartsWith("/api/cases", StringComparison.Ordinal))
                yield return Command(url, caller, body, GeneratedBadInputTests.SeededHost.FirstCompletionKey, "Idempotency-Key of another command");
        }
        yield return Command($"/elsa/api/tasks/{s.SpentRunTask}/complete", Caller.Analyst, new JsonObject { ["result"] = "different" },
            GeneratedBadInputTests.SeededHost.FirstCompletionKey, "Idempotency-Key reused with another body");

        static Probe Command(string url, Caller caller, JsonNode body, string key, string what) => new("idempotency keys", "POST", url, caller, "curated")
        {
            Body = Encoding.UTF8.GetBytes(JsonMutations.Text(body)),
            ContentType = "application/json",
            Headers = [("Idempotency-Key", key)],
            MustBeRefused = true,
            What = what,
        };
    }

    /// <summary>Evidence uploads: multipart bodies broken in every part, and files and inline content one byte over 10 MiB.</summary>
    private IEnumerable<Probe> UploadProbes()
    {
        var url = $"/api/cases/{seeded.OpenCase}/documents";
        var metadata = CaseDriver.Document("OtherReturnEvidence", GeneratedBadInputTests.SeededHost.OpenDeclaration);
        metadata.Remove("contentBase64");
        var max = 10 * 1024 * 1024;
        const string boundary = "probe-boundary";

        (string What, byte[] Body, string ContentType)[] uploads =
        [
            ("no metadata part", Multipart(boundary, null, "a.pdf", "%PDF"u8.ToArray()), $"multipart/form-data; boundary={boundary}"),
            ("metadata not JSON", Multipart(boundary, "{not json", "a.pdf", "%PDF"u8.ToArray()), $"multipart/form-data; boundary={boundary}"),
            ("metadata null", Multipart(boundary, "null", "a.pdf", "%PDF"u8.ToArray()), $"multipart/form-data; boundary={boundary}"),
            ("metadata an array", Multipart(boundary, "[]", "a.pdf", "%PDF"u8.ToArray()), $"multipart/form-data; boundary={boundary}"),
            ("metadata with a wrong type", Multipart(boundary, "{\"type\": 7, \"coversLines\": \"one\"}", "a.pdf", "%PDF"u8.ToArray()), $"multipart/form-data; boundary={boundary}"),
            ("metadata nested 200 deep", Multipart(boundary, new string('[', 200) + new string(']', 200), "a.pdf", "%PDF"u8.ToArray()), $"multipart/form-data; boundary={boundary}"),
            ("file one byte over 10 MiB", Multipart(boundary, metadata.ToJsonString(), "big.pdf", new byte[max + 1]), $"multipart/form-data; boundary={boundary}"),
            ("empty file", Multipart(boundary, metadata.ToJsonString(), "empty.pdf", []), $"multipart/form-data; boundary={boundary}"),
            ("file name of 5000 characters", Multipart(boundary, metadata.ToJsonString(), new string('n', 5000) + ".pdf", "%PDF"u8.ToArray()), $"multipart/form-data; boundary={boundary}"),
            ("truncated multipart", Multipart(boundary, metadata.ToJsonString(), "a.pdf", "%PDF"u8.ToArray())[..60], $"multipart/form-data; boundary={boundary}"),
            ("boundary that does not occur", Multipart(boundary, metadata.ToJsonString(), "a.pdf", "%PDF"u8.ToArray()), "multipart/form-data; boundary=other"),
            ("multipart without boundary", Multipart(boundary, metadata.ToJsonString(), "a.pdf", "%PDF"u8.ToArray()), "multipart/form-data"),
            ("boundary of 200 characters", Multipart(boundary, metadata.ToJsonString(), "a.pdf", "%PDF"u8.ToArray()), "multipart/form-data; boundary=" + new string('b', 200)),
            ("empty multipart", Encoding.ASCII.GetBytes($"--{boundary}--\r\n"), $"multipart/form-data; boundary={boundary}"),
            ("form-urlencoded without metadata", "file=abc"u8.ToArray(), "application/x-www-form-urlencoded"),
            ("form-urlencoded with 5000 fields", Encoding.ASCII.GetBytes(string.Join("&", Enumerable.Range(0, 5000).Select(i => $"f{i}=v"))), "application/x-www-form-urlencoded"),
            ("form-urlencoded with a 100,000-character key", Encoding.ASCII.GetBytes(new string('k', 100_000) + "=v"), "application/x-www-form-urlencoded"),
        ];
        foreach (var (what, body, contentType) in uploads)
            yield return new Probe("uploads", "POST", url, Caller.Exporter, "POST /api/cases/{caseId}/documents") { Body = body, ContentType = contentType, MustBeRefused = true, What = what };

        var inline = (JsonObject)metadata.DeepClone();
        inline["contentBase64"] = Convert.ToBase64String(new byte[max + 1]);
        yield return new Probe("uploads", "POST", url, Caller.Exporter, "POST /api/cases/{caseId}/documents")
        {
            Body = Encoding.UTF8.GetBytes(JsonMutations.Text(inline)), ContentType = "application/json", MustBeRefused = true, What = "inline content one byte over 10 MiB",
        };
        var withFile = (JsonObject)Template(new EndpointShape("/api/cases", "POST", Caller.Exporter, [], [], [], false))!;
        withFile["documents"]![0]!["contentBase64"] = inline["contentBase64"]!.DeepClone();
        yield return new Probe("uploads", "POST", "/api/cases", Caller.Exporter, "POST /api/cases")
        {
            Body = Encoding.UTF8.GetBytes(JsonMutations.Text(withFile)), ContentType = "application/json", MustBeRefused = true, What = "new case with a document one byte over 10 MiB",
        };
    }

    private static byte[] Multipart(string boundary, string? metadata, string fileName, byte[] file)
    {
        using var buffer = new MemoryStream();
        void Write(string text) => buffer.Write(Encoding.UTF8.GetBytes(text));
        if (metadata is not null)
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{metadata}\r\n");
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: application/pdf\r\n\r\n");
        buffer.Write(file);
        Write($"\r\n--{boundary}--\r\n");
        return buffer.ToArray();
    }

    /// <summary>
    /// The product's flows and the Elsa samples, each mutated several times and sent to save, save-and-publish and
    /// import; a mutated draft that saves is then published. Each mutant gets its own definition id, so a mutant that is
    /// still valid never replaces a real flow.
    /// </summary>
    private IEnumerable<Probe> DefinitionProbes()
    {
        var root = HostFixture.RepositoryRoot;
        var files = Directory.GetFiles(Path.Combine(root, "workflows-json"), "*.json").Concat(Directory.GetFiles(Path.Combine(root, "tests", "elsa-samples"), "*.json"))
            .Order(StringComparer.Ordinal).ToList();
        var sequence = 0;
        foreach (var file in files)
        {
            var original = (JsonObject)JsonNode.Parse(File.ReadAllText(file))!;
            for (var i = 0; i < 7; i++)
            {
                var id = $"mutant-{++sequence}";
                var source = (JsonObject)original.DeepClone();
                source["definitionId"] = id;
                var (mutant, what) = DefinitionMutations.Mutate(source, random);
                what = $"{Path.GetFileName(file)}: {what}";
                var definitionId = mutant["definitionId"] is JsonValue v && v.TryGetValue<string>(out var d) ? d : id;
                switch (sequence % 3)
                {
                    case 0:
                        yield return Definition("POST", "/elsa/api/workflow-definitions/import", mutant, what);
                        break;
                    case 1:
                        yield return Definition("POST", "/elsa/api/workflow-definitions", new JsonObject { ["model"] = mutant, ["publish"] = true }, what + " (save and publish)");
                        break;
                    default:
                        yield return Definition("POST", "/elsa/api/workflow-definitions", new JsonObject { ["model"] = mutant, ["publish"] = false }, what + " (save draft)");
                        yield return Definition("POST", $"/elsa/api/workflow-definitions/{Uri.EscapeDataString(definitionId.Length > 300 ? id : definitionId)}/publish", null, what + " (publish the draft)");
                        break;
                }
            }
        }

        static Probe Definition(string method, string url, JsonNode? body, string what) => new("definitions", method, url, Caller.Analyst, "definitions")
        {
            Body = body is null ? null : Encoding.UTF8.GetBytes(JsonMutations.Text(body)),
            ContentType = body is null ? null : "application/json",
            What = what,
        };
    }

    private static string Short(string value) => value.Length > 40 ? $"{value[..20]}…({value.Length.ToString(CultureInfo.InvariantCulture)} chars)" : value;
}
