using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;
using MimeKit;

namespace ExportTaxCheck.Host.Tests.Clock;

/// <summary>
/// The simulated clock through the HTTP API of real Host processes (not the in-process fake): a supplement request
/// whose reminder and deadline pass when the clock is moved, task escalation, and the clock shared by several nodes.
/// </summary>
[Collection(ClockCollection.Name)]
public abstract class SimulatedClockTests(TestDatabase database) : IAsyncLifetime
{
    private readonly SmtpServer _smtp = new();
    private PostgresServer? _postgres;
    private string? _postgresDatabase;
    private Cluster _cluster = null!;

    private static DateOnly Today => CaseLoad.Today;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["Clock__Mode"] = "Adjustable",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
        };
        if (database == TestDatabase.PostgreSql)
        {
            _postgres = await PostgresServer.SharedAsync();
            _postgresDatabase = await _postgres.CreateDatabaseAsync();
            _cluster = await Cluster.StartAsync(2, "PostgreSql", _postgresDatabase, settings);
        }
        else
        {
            var directory = Directory.CreateTempSubdirectory("etc-clock-").FullName;
            _cluster = await Cluster.StartAsync(1, "Sqlite", $"Data Source={Path.Combine(directory, "clock.db")}", settings);
        }
    }

    private HttpClient Analyst => _cluster.Node(0).Client(TestKeys.Analyst);

    private HttpClient Exporter => _cluster.Node(0).Client(TestKeys.Exporter);

    [Fact]
    public async Task SupplementNeverSent_ReminderThenRejection_AsTheClockMoves()
    {
        var decl = "5300" + Today.Year.ToString(CultureInfo.InvariantCulture) + "0" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        await Analyst.PostJsonAsync("/api/reference-data/export-lines", new JsonObject
        {
            ["exportLines"] = new JsonArray(CaseData.ExportLine(decl, 1, "9810", Iso(Today.AddDays(-40)), Iso(Today.AddDays(-38)), "8518300000", 100, fob: 4000m)),
        });
        var body = CaseData.Case([CaseData.Line(decl, 10, "Unsold", Iso(Today))], [CaseData.Document("ExportDeclaration", decl)]);
        body["contactEmail"] = "returns@lanbo-trading.example.cn";
        var created = await Exporter.PostJsonAsync("/api/cases", body, "clock-case-" + decl);
        var caseId = created["caseId"]!.GetValue<string>();
        var due = DateOnly.Parse(created["supplement"]!["dueDate"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal("SupplementRequested", CaseData.Status(created));
        Assert.Equal(Today.AddDays(15), due);

        // Day 12, 09:30 in China: the reminder (3 days before the due date, 09:00) has gone, the case still waits.
        var dayTwelve = new DateTimeOffset(Today.AddDays(12).ToDateTime(new TimeOnly(9, 30)), TimeSpan.FromHours(8));
        var moved = await Analyst.PostJsonAsync("/api/clock/set", new JsonObject { ["to"] = dayTwelve.ToString("O", CultureInfo.InvariantCulture) });
        Assert.True(moved["simulated"]!.GetValue<bool>());
        // On one node the move ran every due timer itself. With two, the other node's workers may be running some of
        // them as the answer is written (reported as still due, not run twice): the mail and the status below show them done.
        if (database == TestDatabase.Sqlite)
            Assert.Equal(0, moved["stillDue"]!.GetValue<int>());
        var reminder = await ReceivedAsync(caseId, "supplement-reminder");
        Assert.Contains(Iso(due), reminder.TextBody, StringComparison.Ordinal);
        var waiting = await Exporter.GetJsonAsync($"/api/cases/{caseId}");
        Assert.Equal("SupplementRequested", CaseData.Status(waiting));

        // Four more days: the due date has passed, the case is rejected, its mail sent and nothing left open.
        var advanced = await Analyst.PostJsonAsync("/api/clock/advance", new JsonObject { ["by"] = "P4D" });
        Assert.Equal(dayTwelve.AddDays(4), DateTimeOffset.Parse(advanced["now"]!.GetValue<string>(), CultureInfo.InvariantCulture), TimeSpan.FromMinutes(1));
        var rejected = await Exporter.GetJsonAsync($"/api/cases/{caseId}");
        Assert.Equal("RejectedEvidence", CaseData.Status(rejected));
        Assert.All(rejected["tasks"]!.AsArray(), t => Assert.DoesNotContain(t!["status"]!.GetValue<string>(), new[] { "Open", "Claimed" }));
        // Nothing waits any more: the supplement's timer and upload event were closed with the flow.
        var instance = await Analyst.GetJsonAsync($"/elsa/api/workflow-instances/{rejected["workflowInstanceId"]!.GetValue<string>()}");
        Assert.Equal("Finished", instance["status"]!.GetValue<string>());
        Assert.Empty(instance["workflowState"]!["bookmarks"]!.AsArray());
        var rejection = await ReceivedAsync(caseId, "case-rejected");
        Assert.Contains("REJECTED_EVIDENCE", rejection.TextBody + rejection.HtmlBody + rejection.Subject, StringComparison.Ordinal);
        // The reminder went once, though the clock passed its time twice over.
        Assert.Single(_smtp.Messages(), m => Is(m, caseId, "supplement-reminder"));

        // The pages show the moved time.
        var banner = await PageAsync("/signin");
        Assert.Contains("Simulated time: <time", banner, StringComparison.Ordinal);
        Assert.Contains(advanced["nowChina"]!.GetValue<string>(), banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastDueAndEscalation_TheClockMoved_RemindsAndEscalatesOnceEach()
    {
        // Due in a day, reminded 4 hours before, escalated 2 hours after (Flows.HumanTaskFlow).
        await Analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Flows.HumanTaskFlow("clock-escalation"), ["publish"] = true });
        await Analyst.PostJsonAsync("/elsa/api/workflow-definitions/clock-escalation/execute", new JsonObject { ["correlationId"] = "RC-CLOCK" }, "clock-escalation-start");
        using var supervisor = _cluster.Node(0).Client(TestKeys.Supervisor);
        var taskId = (await supervisor.GetJsonAsync("/api/tasks?caseId=RC-CLOCK&view=active"))["items"]!.AsArray().Single()!["id"]!.GetValue<string>();

        await Analyst.PostJsonAsync("/api/clock/advance", new JsonObject { ["by"] = "P1DT1H" });
        Assert.Equal(["Created", "Reminded"], await AuditAsync(supervisor, taskId));
        Assert.Contains(taskId, await IdsAsync(supervisor, "view=overdue"));

        await Analyst.PostJsonAsync("/api/clock/advance", new JsonObject { ["by"] = "PT2H" });
        await Analyst.PostJsonAsync("/api/clock/advance", new JsonObject { ["by"] = "P3D" });

        Assert.Equal(["Created", "Reminded", "Escalated"], await AuditAsync(supervisor, taskId));
        var escalated = (await supervisor.GetJsonAsync($"/api/tasks/{taskId}"))["task"]!;
        Assert.Equal("Supervisor", escalated["escalatedTo"]!.GetValue<string>());
        Assert.Contains(taskId, await IdsAsync(supervisor, "view=overdue&escalated=true"));
    }

    private static async Task<string[]> AuditAsync(HttpClient client, string taskId) =>
        (await client.GetJsonAsync($"/api/tasks/{taskId}"))["audit"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).ToArray();

    private static async Task<List<string>> IdsAsync(HttpClient client, string query) =>
        (await client.GetJsonAsync("/api/tasks?" + query))["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Move_BackwardsOrMalformed_IsRefusedAndReset_ReturnsToRealTime()
    {
        var before = await Analyst.GetJsonAsync("/api/clock");
        using var backwards = await Analyst.PostAsync("/api/clock/advance", HttpJson.Json(new JsonObject { ["by"] = "-P1D" }));
        using var malformed = await Analyst.PostAsync("/api/clock/advance", HttpJson.Json(new JsonObject { ["by"] = "sixteen days" }));
        using var earlier = await Analyst.PostAsync("/api/clock/set", HttpJson.Json(new JsonObject { ["to"] = "2020-01-01T00:00:00+08:00" }));
        using var exporter = await Exporter.PostAsync("/api/clock/advance", HttpJson.Json(new JsonObject { ["by"] = "P1D" }));

        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("INVALID_DURATION", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, earlier.StatusCode);
        Assert.Contains("CLOCK_BACKWARDS", await earlier.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, exporter.StatusCode);
        Assert.Equal(before["offset"]!.GetValue<string>(), (await Analyst.GetJsonAsync("/api/clock"))["offset"]!.GetValue<string>());

        await Analyst.PostJsonAsync("/api/clock/advance", new JsonObject { ["by"] = "PT5H" });
        var reset = await Analyst.PostJsonAsync("/api/clock/reset", new JsonObject());
        Assert.False(reset["simulated"]!.GetValue<bool>());
        Assert.Equal("PT0S", reset["offset"]!.GetValue<string>());
        Assert.DoesNotContain("Simulated time", await PageAsync("/signin"), StringComparison.Ordinal);
    }

    /// <summary>On PostgreSQL every node shows the time another node moved to.</summary>
    protected async Task AssertNodesAgreeAsync()
    {
        var moved = await Analyst.PostJsonAsync("/api/clock/advance", new JsonObject { ["by"] = "PT7H" });
        using var second = _cluster.Node(1).Client(TestKeys.Analyst);
        var seen = await Eventually.GetAsync(() => second.GetJsonAsync("/api/clock"), c => c["offset"]!.GetValue<string>() == moved["offset"]!.GetValue<string>());
        Assert.True(seen["simulated"]!.GetValue<bool>());
        using var page = new HttpClient { BaseAddress = _cluster.Node(1).BaseAddress };
        Assert.Contains("Simulated time", await page.GetStringAsync("/signin"), StringComparison.Ordinal);
    }

    private async Task<string> PageAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = _cluster.Node(0).BaseAddress };
        return await client.GetStringAsync(path);
    }

    private async Task<MimeMessage> ReceivedAsync(string caseId, string template)
    {
        try
        {
            return (await Eventually.GetAsync(() => Task.FromResult(_smtp.Messages().FirstOrDefault(m => Is(m, caseId, template))), m => m is not null))!;
        }
        catch (TimeoutException timeout)
        {
            var outbox = await _cluster.Node(0).Client(TestKeys.Supervisor).GetJsonAsync($"/api/outbox?caseId={caseId}");
            throw new TimeoutException($"No '{template}' mail for {caseId}. Received: {string.Join(", ", _smtp.Messages().Select(m => m.Headers["X-ExportTaxCheck-Notification"]))}. Outbox: {outbox.ToJsonString()}", timeout);
        }
    }

    private static bool Is(MimeMessage message, string caseId, string template) =>
        message.Headers["X-ExportTaxCheck-Notification"] == template && message.Headers["X-ExportTaxCheck-Case"] == caseId;

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _smtp.DisposeAsync();
        if (_postgres is not null && _postgresDatabase is not null)
            await _postgres.DropDatabaseAsync(_postgresDatabase);
    }
}
