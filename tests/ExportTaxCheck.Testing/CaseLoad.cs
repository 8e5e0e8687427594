using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Testing;

/// <summary>
/// Drives return cases end to end over HTTP the way exporters and officers do — open the case, review the evidence,
/// approve the certificate, file the return declaration (cross-checked online), record the clearance — against one or
/// more Host nodes. A request to a node that is down or dies under it goes to the next node with the same
/// idempotency key, so a retry never acts twice.
/// </summary>
public sealed class CaseLoad(IReadOnlyList<Uri> nodes, int run)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), MaxConnectionsPerServer = 256 })
    {
        Timeout = RequestTimeout,
    };
    private long _next;
    private long _requests;
    private long _failovers;
    private long _closed;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests that failed on one node (connection refused or reset, timeout) and were sent again to another.</summary>
    public long Failovers => Interlocked.Read(ref _failovers);

    public long Closed => Interlocked.Read(ref _closed);

    /// <summary>Today in Asia/Shanghai: the case dates are relative to it, since the Hosts run on the real clock.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>The export declaration of case <paramref name="index"/> of run <paramref name="run"/> (18 digits: customs, year, serial).</summary>
    public static string DeclarationNo(int run, int index) => "53002026" + (run * 1_000_000L + index).ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>Loads one never-refunded export line per case into the reference data.</summary>
    public async Task LoadReferenceAsync(int cases, CancellationToken ct)
    {
        var today = Today;
        for (var from = 0; from < cases; from += 500)
        {
            var lines = new JsonArray();
            for (var i = from; i < Math.Min(cases, from + 500); i++)
                lines.Add(CaseData.ExportLine(DeclarationNo(run, i), 1, "9810", Iso(today.AddDays(-40)), Iso(today.AddDays(-38)), "8518300000", 2000, fob: 40000m));
            await SendAsync(HttpMethod.Post, "/api/reference-data/export-lines", TestKeys.Analyst, new JsonObject { ["exportLines"] = lines }, null, ct);
        }
    }

    /// <summary>Runs case <paramref name="index"/> from its opening to Closed; returns its case id.</summary>
    public async Task<string> RunCaseAsync(int index, CancellationToken ct)
    {
        var today = Iso(Today);
        var decl = DeclarationNo(run, index);
        var body = CaseData.Case([CaseData.Line(decl, 500, "Unsold", today)],
            [CaseData.Document("SelfDeclaration", decl, 500), CaseData.Document("ExportDeclaration", decl)]);
        body["contactEmail"] = $"returns-{run}-{index}@exporter.example.cn";
        var created = await SendAsync(HttpMethod.Post, "/api/cases", TestKeys.Exporter, body, $"case-{run}-{index}", ct);
        var caseId = created["caseId"]!.GetValue<string>();

        // Every command answers the case as the flow left it, with the ids of its open tasks: no read in between.
        await CompleteAsync(caseId, created, "ReviewEvidence", TestKeys.CustomsOfficer, "Accept", ct);
        // §5.5: the exporter applies for the certificate, stating the variant and refund status (never refunded here).
        var applied = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/certificate-applications", TestKeys.Exporter,
            new JsonObject { ["exportDocNo"] = decl, ["variant"] = "NotRefunded", ["refundStatus"] = "NotDeclared" }, $"apply-{run}-{index}", ct);
        var issued = await CompleteAsync(caseId, applied, "ReviewCertificateApplication", TestKeys.TaxOfficer, "Approve", ct);
        var certificateNo = CaseData.CertificateNo(issued);
        var declared = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/return-declarations", TestKeys.Exporter,
            CaseData.Declaration(certificateNo, 500, today, 10000m, 7.1200m, 0.08m, decl, declarationNo: decl[..8] + "1" + decl[9..]), $"declare-{run}-{index}", ct);
        var cleared = await CompleteAsync(caseId, declared, "DecideClearance", TestKeys.CustomsOfficer, "Record", ct);
        if (CaseData.Status(cleared) != "Closed")
            throw new InvalidOperationException($"Case {caseId} ended {CaseData.Status(cleared)}, not Closed.");
        Interlocked.Increment(ref _closed);
        return caseId;
    }

    /// <summary>
    /// Runs <paramref name="cases"/> cases, <paramref name="concurrency"/> at a time; <paramref name="progress"/> hears
    /// of each closed case. Returns the case ids by index.
    /// </summary>
    public async Task<string[]> RunAsync(int cases, int concurrency, Action<int>? progress, CancellationToken ct)
    {
        var ids = new string[cases];
        var next = -1;
        var done = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < cases)
            {
                ids[i] = await RunCaseAsync(i, ct);
                progress?.Invoke(Interlocked.Increment(ref done));
            }
        });
        await Task.WhenAll(workers);
        return ids;
    }

    /// <summary>
    /// Completes the open task of <paramref name="activityType"/>, found in <paramref name="view"/> (the answer of the
    /// command before); answers the case as it stands afterwards (the completion's answer carries it).
    /// </summary>
    private async Task<JsonNode> CompleteAsync(string caseId, JsonNode view, string activityType, string officerKey, string outcome, CancellationToken ct)
    {
        // After a node died mid-command, the flow may hear the command's event from another node's delivery worker a
        // moment later: the task is then waited for, not expected at once.
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        string? taskId;
        while ((taskId = OpenTask(view, activityType)) is null)
        {
            if (Stopwatch.GetTimestamp() > deadline)
                throw new InvalidOperationException($"Case {caseId} has no {activityType} task after 30 s; status {CaseData.Status(view)}.");
            await Task.Delay(200, ct);
            view = await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", TestKeys.Analyst, null, null, ct);
        }
        var completed = await SendAsync(HttpMethod.Post, $"/api/tasks/{taskId}/complete", officerKey, new JsonObject { ["outcome"] = outcome, ["data"] = new JsonObject() },
            "complete-" + taskId, ct);
        return completed["case"] ?? await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", TestKeys.Analyst, null, null, ct);
    }

    /// <summary>The id of the case's open task of <paramref name="activityType"/> in a case view, if it has one.</summary>
    private static string? OpenTask(JsonNode view, string activityType)
    {
        var open = view["openTaskIds"]?.AsArray().Select(id => id!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
        return view["tasks"]?.AsArray()
            .LastOrDefault(t => t!["activityType"]?.GetValue<string>() == "ExportTaxCheck." + activityType && open.Contains(t["id"]!.GetValue<string>()))?["id"]!.GetValue<string>();
    }

    /// <summary>
    /// One request, to the next node in turn; on a connection failure or a timeout, again to the following node with the
    /// same body and idempotency key, for up to two minutes. Any other error answer fails the case.
    /// </summary>
    public async Task<JsonNode> SendAsync(HttpMethod method, string path, string key, JsonNode? body, string? idempotencyKey, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 120;
        var node = (int)(Interlocked.Increment(ref _next) % nodes.Count);
        while (true)
        {
            using var request = new HttpRequestMessage(method, new Uri(nodes[node], path));
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key);
            if (idempotencyKey is not null)
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            if (body is not null)
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            Interlocked.Increment(ref _requests);
            try
            {
                using var response = await _http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable)
                    throw new HttpRequestException($"{(int)response.StatusCode} from node {node}");
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{(int)response.StatusCode} from {method} {path} on node {node}: {text}");
                return JsonNode.Parse(text)!;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                if (Stopwatch.GetTimestamp() > deadline)
                    throw new TimeoutException($"{method} {path} failed on every node for two minutes.", ex);
                Interlocked.Increment(ref _failovers);
                node = (node + 1) % nodes.Count;
                await Task.Delay(100, ct);
            }
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
