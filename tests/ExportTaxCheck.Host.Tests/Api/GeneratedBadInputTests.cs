using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Xunit.Abstractions;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>
/// Hundreds of generated bad requests against every endpoint of one seeded Host (see <see cref="BadRequestGenerator"/>):
/// none may answer 5xx, every refusal of the API is a ProblemDetails with its status, title and code, and a refused
/// request leaves every table exactly as it was. The generator is seeded, so a failure reproduces.
/// </summary>
public sealed class GeneratedBadInputTests(GeneratedBadInputTests.SeededHost seeded, ITestOutputHelper output) : IClassFixture<GeneratedBadInputTests.SeededHost>
{
    private const int Seed = 20261124;
    private const int MinimumRefused = 500;

    [Fact]
    public async Task GeneratedBadRequests_OnEveryEndpoint_AreProblemDetailsAndWriteNothing()
    {
        var clock = Stopwatch.StartNew();
        var generator = new BadRequestGenerator(seeded, new Random(Seed));
        var probes = await generator.GenerateAsync();
        var statuses = new SortedDictionary<int, int>();
        var families = new SortedDictionary<string, (int Sent, int Refused)>(StringComparer.Ordinal);
        var failures = new List<string>();

        await DatabaseFingerprint.SettleAsync(seeded.Host.Services);
        var before = await DatabaseFingerprint.TakeAsync(seeded.Host.Services);
        var sending = TimeSpan.Zero;
        foreach (var probe in probes)
        {
            var sent = Stopwatch.GetTimestamp();
            var (status, mediaType, text) = await SendAsync(probe);
            sending += Stopwatch.GetElapsedTime(sent);
            var after = await DatabaseFingerprint.TakeAsync(seeded.Host.Services);
            if (after.ChangesSince(before).Count > 0)
            {
                // Something was written: let the workers finish what it started before the next request's baseline.
                // Unchanged rows need no settling: the database was settled before, and the clock stands still.
                await DatabaseFingerprint.SettleAsync(seeded.Host.Services);
                after = await DatabaseFingerprint.TakeAsync(seeded.Host.Services);
            }

            var problems = Check(probe, status, mediaType, text).ToList();
            var refused = !probe.IsApi || status >= 400;
            if (refused && after.ChangesSince(before) is { Count: > 0 } changes)
                problems.Add("wrote although refused: " + string.Join(", ", changes));
            problems.AddRange(after.Unportable.Except(before.Unportable).Select(u => "stored what PostgreSQL refuses: " + u));
            if (problems.Count > 0)
                failures.Add(Describe(probe, status, text, problems));

            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var family = families.GetValueOrDefault(probe.Family);
            families[probe.Family] = (family.Sent + 1, family.Refused + (status is >= 400 and < 500 ? 1 : 0));
            before = after;
        }

        var refusedCount = statuses.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value);
        var summary = $"Generated bad-input suite, seed {Seed}: {probes.Count} requests in {clock.Elapsed.TotalSeconds:0.0} s ({sending.TotalSeconds:0.0} s answering, the rest checking); " +
                      $"4xx {refusedCount} ({string.Join(", ", statuses.Where(s => s.Key is >= 400 and < 500).Select(s => $"{s.Key}: {s.Value}"))}), " +
                      $"2xx {statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value)}, 3xx {statuses.Where(s => s.Key is >= 300 and < 400).Sum(s => s.Value)}, " +
                      $"5xx {statuses.Where(s => s.Key >= 500).Sum(s => s.Value)}; by family: {string.Join(", ", families.Select(f => $"{f.Key} {f.Value.Sent} ({f.Value.Refused} refused)"))}";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        foreach (var failure in failures)
            output.WriteLine(failure);

        var uncovered = generator.Endpoints.Select(e => e.Key).Except(probes.Select(p => p.Endpoint)).ToList();
        Assert.True(uncovered.Count == 0, "Endpoints without a generated request: " + string.Join(", ", uncovered));
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes.Count} generated requests failed:\n" + string.Join("\n", failures.Take(80)));
        Assert.True(refusedCount >= MinimumRefused, $"Only {refusedCount} generated requests were answered 4xx; at least {MinimumRefused} must be. {summary}");
    }

    private async Task<(int Status, string? MediaType, string Text)> SendAsync(Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url);
        if (probe.Body is not null)
        {
            request.Content = new ByteArrayContent(probe.Body);
            if (probe.ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", probe.ContentType);
        }
        foreach (var (name, value) in probe.Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await seeded.Client(probe.Caller).SendAsync(request);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException ex)
        {
            // The server closed the connection without an answer: as bad as a 500 for the caller.
            return (599, null, "no answer: " + ex.Message);
        }
    }

    private static IEnumerable<string> Check(Probe probe, int status, string? mediaType, string text)
    {
        if (status >= 500)
        {
            yield return $"answered {status}";
            yield break;
        }
        if (probe.MustBeRefused && probe.IsApi && status < 400)
            yield return $"answered {status} to a request that must be refused";
        if (!probe.IsApi || status < 400)
            yield break;
        if (mediaType != "application/problem+json")
        {
            yield return $"a {status} as {mediaType ?? "no content type"}, not application/problem+json";
            yield break;
        }
        JsonObject? problem = null;
        string? error = null;
        try
        {
            problem = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
        }
        if (problem is null)
        {
            yield return "the problem is not a JSON object" + (error is null ? "" : ": " + error);
            yield break;
        }
        if (problem["status"] is not JsonValue s || !s.TryGetValue<int>(out var value) || value != status)
            yield return $"problem status {problem["status"]?.ToJsonString() ?? "missing"}, answer {status}";
        if (problem["title"] is not JsonValue t || !t.TryGetValue<string>(out var title) || string.IsNullOrWhiteSpace(title))
            yield return "problem without a title";
        if (problem["code"] is not JsonValue c || !c.TryGetValue<string>(out var code) || string.IsNullOrWhiteSpace(code))
            yield return "problem without a code";
    }

    private static string Describe(Probe probe, int status, string answer, IEnumerable<string> problems)
    {
        var body = probe.Body is null ? "no body" : $"body[{probe.Body.Length}] {probe.ContentType ?? "(no content type)"} {Printable(Encoding.UTF8.GetString(probe.Body), 160)}";
        var headers = probe.Headers.Count == 0 ? "" : " " + string.Join(" ", probe.Headers.Select(h => $"{h.Name}: {Printable(h.Value, 40)}"));
        return $"[{probe.Family}] {probe.What}: {probe.Caller} {probe.Method} {Printable(probe.Url, 200)}{headers} {body} → {status} {Printable(answer, 300)} — {string.Join("; ", problems)}";
    }

    private static string Printable(string text, int max)
    {
        var cut = text.Length > max ? text[..max] + $"…({text.Length.ToString(CultureInfo.InvariantCulture)} chars)" : text;
        return Regex.Replace(cut, @"[\x00-\x1F\x7F]", m => $"\\x{(int)m.Value[0]:X2}");
    }

    /// <summary>
    /// One Host with the product's flows and real data: a published, a draft and an invalid draft definition; a running
    /// instance with an open RunTask and a finished one whose task and bookmark are spent; a case waiting for evidence
    /// review (an open human task), one with an issued certificate (its review tasks done), an ineligible closed case;
    /// sent mail; an export line no case covers for refund declarations; signed-in customs officer's, tax officer's and analyst's browser sessions.
    /// </summary>
    public sealed class SeededHost : IAsyncLifetime
    {
        public const string OpenDeclaration = "530020260001234567";
        public const string CertificateDeclaration = "530020260002345678";
        public const string ClosedDeclaration = "530020260005678901";

        /// <summary>An export line no case covers: the refund declarations the generator sends land here.</summary>
        public const string RefundDeclaration = "530020260006789012";
        public const string FirstCompletionKey = "first-completion";

        private readonly Dictionary<Caller, HttpClient> _clients = [];

        public HostFixture Host { get; } = new HostFixture().WithProductFlows();
        public string PublishedVersionId { get; private set; } = "";
        public string RunningInstance { get; private set; } = "";
        public string OpenRunTask { get; private set; } = "";
        public string OpenBookmark { get; private set; } = "";
        public string FinishedInstance { get; private set; } = "";
        public string SpentRunTask { get; private set; } = "";
        public string SpentBookmark { get; private set; } = "";
        public string ActivityExecutionId { get; private set; } = "";
        public string OpenCase { get; private set; } = "";
        public string OpenHumanTask { get; private set; } = "";
        public string DocumentId { get; private set; } = "";
        public string CertificateCase { get; private set; } = "";
        public string CertificateNo { get; private set; } = "";
        public string SpentHumanTask { get; private set; } = "";
        public string ClosedCase { get; private set; } = "";
        public string SentMessageId { get; private set; } = "";
        public string PageToken { get; private set; } = "";
        public string TaxPageToken { get; private set; } = "";

        public HttpClient Client(Caller caller) => _clients[caller];

        public async Task InitializeAsync()
        {
            var cases = new CaseDriver(Host);
            var analyst = cases.Analyst;
            _clients[Caller.Analyst] = analyst;
            _clients[Caller.Exporter] = cases.Exporter;
            _clients[Caller.Customs] = cases.Customs;
            _clients[Caller.Tax] = cases.Tax;
            _clients[Caller.OtherExporter] = Host.WithKey(HostFixture.OtherExporterKey);
            _clients[Caller.System] = Host.WithKey(Infrastructure.SelfEndpoint.InternalKey);
            _clients[Caller.Supervisor] = cases.Supervisor;
            _clients[Caller.Anonymous] = Host.Anonymous();

            await analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("known"), ["publish"] = true });
            await analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.TaskFlow("draft-only"), ["publish"] = false });
            var invalid = Flows.TaskFlow("invalid-draft");
            invalid["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "nope", ["type"] = "Elsa.NoSuchActivity" });
            await analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = invalid, ["publish"] = false });
            PublishedVersionId = (await analyst.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/known?versionOptions=Published"))["id"]!.GetValue<string>();

            var running = (await analyst.PostJsonAsync("/elsa/api/workflow-definitions/known/execute", new JsonObject()))["workflowState"]!;
            (RunningInstance, OpenRunTask, OpenBookmark) = Waiting(running);
            var finished = (await analyst.PostJsonAsync("/elsa/api/workflow-definitions/known/execute", new JsonObject()))["workflowState"]!;
            (FinishedInstance, SpentRunTask, SpentBookmark) = Waiting(finished);
            await analyst.PostJsonAsync($"/elsa/api/tasks/{SpentRunTask}/complete", new JsonObject(), FirstCompletionKey);
            ActivityExecutionId = (await analyst.GetJsonAsync($"/elsa/api/activity-executions/list?workflowInstanceId={FinishedInstance}"))["items"]![0]!["id"]!.GetValue<string>();

            await cases.LoadAsync(
                CaseDriver.ExportLine(OpenDeclaration, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m),
                CaseDriver.ExportLine(CertificateDeclaration, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m),
                CaseDriver.ExportLine(ClosedDeclaration, 1, "9610", "2026-05-01", "2026-05-02", "2106909090", 100, goodsName: "蛋白粉"),
                CaseDriver.ExportLine(RefundDeclaration, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 1000, fob: 20000m));
            var openRequest = CaseDriver.Case([CaseDriver.Line(OpenDeclaration, 500, "Unsold", "2026-08-20")],
                [CaseDriver.Document("SelfDeclaration", OpenDeclaration, 500), CaseDriver.Document("ExportDeclaration", OpenDeclaration)]);
            // Its "case received" mail is the sent message the outbox probes point at.
            openRequest["contactEmail"] = "returns@lanbo-trading.example.cn";
            var open = await cases.CreateAsync(openRequest);
            OpenCase = open["caseId"]!.GetValue<string>();
            DocumentId = open["documents"]!.AsArray().First(d => d!["type"]!.GetValue<string>() == "SelfDeclaration")!["docId"]!.GetValue<string>();
            OpenHumanTask = await cases.OpenTaskAsync(OpenCase, "ReviewEvidence");

            var certificate = await cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(CertificateDeclaration, 500, "Unsold", "2026-08-20")],
                [CaseDriver.Document("SelfDeclaration", CertificateDeclaration, 500), CaseDriver.Document("ExportDeclaration", CertificateDeclaration)]));
            CertificateCase = certificate["caseId"]!.GetValue<string>();
            var issued = await cases.ThroughCertificateAsync(CertificateCase);
            CertificateNo = CaseDriver.CertificateNo(issued);
            SpentHumanTask = issued["tasks"]!.AsArray().First(t => t!["status"]!.GetValue<string>() == "Completed")!["id"]!.GetValue<string>();

            var closed = await cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(ClosedDeclaration, 10, "Unsold", "2026-06-20")],
                [CaseDriver.Document("SelfDeclaration", ClosedDeclaration, 10)]));
            ClosedCase = closed["caseId"]!.GetValue<string>();

            await DatabaseFingerprint.SettleAsync(Host.Services);
            SentMessageId = (await cases.Customs.GetJsonAsync("/api/outbox?status=Sent"))["items"]![0]!["id"]!.GetValue<string>();

            (_clients[Caller.OfficerPages], PageToken) = await SignInAsync("customs.officer", $"/tasks/{OpenHumanTask}");
            (_clients[Caller.TaxPages], TaxPageToken) = await SignInAsync("tax.officer", "/refunds");
            (_clients[Caller.AnalystPages], _) = await SignInAsync("analyst", "/inbox");
        }

        private static (string Instance, string Task, string Bookmark) Waiting(JsonNode state) =>
            (state["id"]!.GetValue<string>(), state["bookmarks"]![0]!["payload"]!["taskId"]!.GetValue<string>(), state["bookmarks"]![0]!["id"]!.GetValue<string>());

        /// <summary>A browser session signed in through the sign-in form, and the antiforgery token its forms carry.</summary>
        private async Task<(HttpClient Client, string Token)> SignInAsync(string userName, string pageWithAForm)
        {
            var browser = await Host.SignedInBrowserAsync(userName);
            var page = await browser.GetStringAsync(pageWithAForm);
            return (browser, HostFixture.AntiforgeryToken(page));
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
