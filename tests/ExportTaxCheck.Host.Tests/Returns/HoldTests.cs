using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// Holds through the REST API (E-21, FRAUD_REFERRAL): an officer holds any case with a reason; its tasks
/// and timers wait (held, not overdue, no reminder or escalation); nothing else moves it; a supervisor's release —
/// by command or by the referral task — resumes it where it was, deadlines moved on by the held span.
/// </summary>
public abstract class HoldTests(TestDatabase database) : IAsyncLifetime
{
    private const string Decl = "530020260001234567";
    private readonly HostFixture _host = new HostFixture(database: database).WithProductFlows();
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> OpenAsync(bool withSelfDeclaration = true)
    {
        JsonArray documents = withSelfDeclaration ? [CaseDriver.Document("SelfDeclaration", Decl, 500), CaseDriver.Document("ExportDeclaration", Decl)] : [CaseDriver.Document("ExportDeclaration", Decl)];
        var body = CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")], documents);
        body["contactEmail"] = "returns@lanbo-trading.example.cn";
        return (await _cases.CreateAsync(body))["caseId"]!.GetValue<string>();
    }

    private Task<JsonNode> HoldAsync(string caseId, HttpClient? officer = null, string reason = "Invoice amounts do not match the platform records", string? key = null) =>
        (officer ?? _cases.Customs).PostJsonAsync($"/api/cases/{caseId}/hold", new JsonObject { ["reason"] = reason }, key);

    private async Task<JsonNode> TaskAsync(string taskId) => await _cases.Supervisor.GetJsonAsync($"/api/tasks/{taskId}");

    [Fact]
    public async Task Hold_SuspendsTasksAndTimers_RefusesEveryMove_AndTheSupervisorsReleaseResumesWhereItWas()
    {
        var caseId = await OpenAsync();
        var reviewTask = await _cases.OpenTaskAsync(caseId, "ReviewEvidence");
        var due = (await TaskAsync(reviewTask))["task"]!["dueAt"]!.GetValue<DateTimeOffset>();

        var held = await HoldAsync(caseId, key: "hold-1");
        var again = await HoldAsync(caseId, key: "hold-1");

        Assert.Equal("OnHold", CaseDriver.Status(held));
        Assert.Equal(["FRAUD_REFERRAL"], held["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("EvidenceReview", held["hold"]!["previousStatus"]!.GetValue<string>());
        Assert.Equal("customs.officer", held["hold"]!["placedBy"]!.GetValue<string>());
        Assert.Contains(held["timeline"]!.AsArray(), e => e!["notification"]?.GetValue<string>() == "case-on-hold");
        Assert.Single(again["holds"]!.AsArray());
        var referral = held["tasks"]!.AsArray().Single(t => t!["activityType"]!.GetValue<string>() == "ExportTaxCheck.ReviewReferral")!;
        Assert.Equal("Supervisor", referral["candidateRole"]!.GetValue<string>());
        Assert.True(held["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == reviewTask)!["held"]!.GetValue<bool>());

        // Four days pass: the held task is neither overdue nor reminded or escalated; nothing moves the case.
        _host.Clock.Advance(TimeSpan.FromDays(4));
        await _cases.FireTimersAsync();
        await _host.Services.GetRequiredService<TaskTimers>().FireDueAsync(CancellationToken.None);
        var heldTask = (await TaskAsync(reviewTask))["task"]!;
        Assert.True(heldTask["held"]!.GetValue<bool>());
        Assert.False(heldTask["overdue"]!.GetValue<bool>());
        Assert.Null(heldTask["escalatedAt"]);
        Assert.DoesNotContain((await _cases.Customs.GetJsonAsync("/api/tasks?view=overdue"))["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == reviewTask);
        using (var complete = await _cases.Customs.PostAsync($"/api/tasks/{reviewTask}/complete", HttpJson.Json(new JsonObject { ["outcome"] = "Accept" })))
        {
            Assert.Equal(HttpStatusCode.Conflict, complete.StatusCode);
            Assert.Equal("TASK_HELD", (await complete.ReadJsonAsync())["code"]!.GetValue<string>());
        }
        using (var upload = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/documents", HttpJson.Json(CaseDriver.Document("OtherReturnEvidence", Decl))))
            Assert.Equal("CASE_ON_HOLD", (await upload.ReadJsonAsync())["code"]!.GetValue<string>());
        using (var withdraw = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/withdraw", HttpJson.Json("{}")))
            Assert.Equal("CASE_ON_HOLD", (await withdraw.ReadJsonAsync())["code"]!.GetValue<string>());
        using (var twice = await _cases.Tax.PostAsync($"/api/cases/{caseId}/hold", HttpJson.Json(new JsonObject { ["reason"] = "again" })))
            Assert.Equal("CASE_ON_HOLD", (await twice.ReadJsonAsync())["code"]!.GetValue<string>());
        using (var notSupervisor = await _cases.Customs.PostAsync($"/api/cases/{caseId}/release", HttpJson.Json("{}")))
            Assert.Equal(HttpStatusCode.Forbidden, notSupervisor.StatusCode);

        var released = await _cases.Supervisor.PostJsonAsync($"/api/cases/{caseId}/release", new JsonObject { ["comment"] = "Checked with the platform" }, "release-1");

        Assert.Equal("EvidenceReview", CaseDriver.Status(released));
        Assert.Null(released["hold"]);
        Assert.Equal("supervisor", released["holds"]![0]!["releasedBy"]!.GetValue<string>());
        Assert.Contains(released["timeline"]!.AsArray(), e => e!["notification"]?.GetValue<string>() == "case-released");
        Assert.Equal("Cancelled", released["tasks"]!.AsArray().Single(t => t!["activityType"]!.GetValue<string>() == "ExportTaxCheck.ReviewReferral")!["status"]!.GetValue<string>());
        var resumed = (await TaskAsync(reviewTask))["task"]!;
        Assert.False(resumed["held"]!.GetValue<bool>());
        Assert.Equal(due + TimeSpan.FromDays(4), resumed["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.False(resumed["overdue"]!.GetValue<bool>());
        Assert.Equal("CertificateApplication", CaseDriver.Status(await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept")));
    }

    [Fact]
    public async Task Hold_StopsTheSupplementTimer_WhichKeepsItsRemainingTimeAfterTheRelease()
    {
        var caseId = await OpenAsync(withSelfDeclaration: false);
        Assert.Equal("SupplementRequested", CaseDriver.Status(await _cases.GetAsync(caseId)));
        // Due 2026-08-16 (V-20), i.e. the timer fires at 2026-08-17 00:00 UTC+8; held on 08-01 for 20 days.
        await HoldAsync(caseId, _cases.Tax);
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 8, 21, 10, 0, 0, TimeSpan.FromHours(8)));
        await _cases.FireTimersAsync();
        Assert.Equal("OnHold", CaseDriver.Status(await _cases.GetAsync(caseId)));

        await _cases.Supervisor.PostJsonAsync($"/api/cases/{caseId}/release", new JsonObject());
        await _cases.FireTimersAsync();
        Assert.Equal("SupplementRequested", CaseDriver.Status(await _cases.GetAsync(caseId)));

        // The timer had ~15.6 days to go when held; it fires that long after the release, no sooner.
        _host.Clock.Advance(TimeSpan.FromDays(15));
        await _cases.FireTimersAsync();
        Assert.Equal("SupplementRequested", CaseDriver.Status(await _cases.GetAsync(caseId)));
        _host.Clock.Advance(TimeSpan.FromDays(1));
        await _cases.FireTimersAsync();
        Assert.Equal("RejectedEvidence", CaseDriver.Status(await _cases.GetAsync(caseId)));
    }

    [Theory]
    [InlineData("Release", "EvidenceReview")]
    [InlineData("Uphold", "OnHold")]
    public async Task ReferralTask_TheSupervisorReleasesOrUpholds(string outcome, string expected)
    {
        var caseId = await OpenAsync();
        await HoldAsync(caseId);

        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewReferral");
        await _cases.Supervisor.PostJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = outcome, ["comment"] = "reviewed" }, "referral-" + outcome);
        var view = await _cases.GetAsync(caseId);

        Assert.Equal(expected, CaseDriver.Status(view));
        if (outcome == "Uphold")
            Assert.Equal("supervisor", view["hold"]!["upheldBy"]!.GetValue<string>());
        else
            Assert.False(view["tasks"]!.AsArray().Single(t => t!["activityType"]!.GetValue<string>() == "ExportTaxCheck.ReviewEvidence")!["held"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ClosedCase_CanBeHeld_AndReleasedBackToClosed()
    {
        var caseId = await OpenAsync();
        var certificateNo = CaseDriver.CertificateNo(await _cases.ThroughCertificateAsync(caseId));
        await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 500, "2026-08-20", 10000m, 7.12m, 0.08m, Decl));
        Assert.Equal("Closed", CaseDriver.Status(await _cases.CompleteAsync(_cases.Customs, caseId, "DecideClearance", "Record")));

        var held = await HoldAsync(caseId, _cases.Supervisor, "Fraud indicator from the risk engine");
        var released = await _cases.Supervisor.PostJsonAsync($"/api/cases/{caseId}/release", new JsonObject());

        Assert.Equal("OnHold", CaseDriver.Status(held));
        Assert.Equal("Closed", CaseDriver.Status(released));
    }

    [Fact]
    public async Task BadHoldRequests_Are400_AndEndedCasesOtherThanClosed_Are409()
    {
        var caseId = await OpenAsync();
        const string food = "530020260005678901";
        await _cases.LoadAsync(CaseDriver.ExportLine(food, 1, "9610", "2026-05-01", "2026-05-02", "2106909090", 100, goodsName: "蛋白粉"));
        var ineligible = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(food, 10, "Unsold", "2026-06-20")], [CaseDriver.Document("SelfDeclaration", food, 10)])))["caseId"]!.GetValue<string>();

        using var noReason = await _cases.Customs.PostAsync($"/api/cases/{caseId}/hold", HttpJson.Json(new JsonObject { ["reason"] = " " }));
        using var doubleUse = await _cases.Customs.PostAsync($"/api/cases/{caseId}/hold", HttpJson.Json(new JsonObject { ["code"] = "DOUBLE_USE_DETECTED", ["reason"] = "x" }));
        using var ended = await _cases.Customs.PostAsync($"/api/cases/{ineligible}/hold", HttpJson.Json(new JsonObject { ["reason"] = "x" }));
        using var exporter = await _cases.Exporter.PostAsync($"/api/cases/{caseId}/hold", HttpJson.Json(new JsonObject { ["reason"] = "x" }));
        using var notHeld = await _cases.Supervisor.PostAsync($"/api/cases/{caseId}/release", HttpJson.Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, doubleUse.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, exporter.StatusCode);
        Assert.Equal("CASE_NOT_ON_HOLD", (await notHeld.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal("EvidenceReview", CaseDriver.Status(await _cases.GetAsync(caseId)));
    }
}
