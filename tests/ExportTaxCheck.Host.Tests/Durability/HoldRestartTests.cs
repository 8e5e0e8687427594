using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Durability;

/// <summary>
/// A hold (E-21) survives the Host process being killed. After the restart the case is still on
/// hold, its task still held (refused, not overdue), the supervisor's referral still open; the supervisor's release in
/// the new process resumes the case where it was.
/// </summary>
public sealed class HoldRestartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-hold-restart-").FullName;

    private string DatabasePath => Path.Combine(_directory, "hold.db");

    private Task<HostProcess> StartAsync() => ProductProcess.StartAsync(_directory, DatabasePath);

    [Fact]
    public async Task Hold_HostKilledAndRestarted_StaysHeld_AndTheSupervisorsReleaseResumesTheCase()
    {
        var today = ProductProcess.ChinaToday();
        var declared = today.AddDays(-60);
        var decl = string.Create(CultureInfo.InvariantCulture, $"5300{declared.Year:0000}0007654321");
        string caseId, reviewTask;
        await using (var first = await StartAsync())
        {
            using var analyst = first.Client(TestKeys.Analyst);
            using var exporter = first.Client(TestKeys.Exporter);
            using var customs = first.Client(TestKeys.CustomsOfficer);
            await analyst.PostJsonAsync("/api/reference-data/export-lines", new JsonObject
            {
                ["exportLines"] = new JsonArray(CaseData.ExportLine(decl, 1, "9810", Iso(declared), Iso(declared.AddDays(2)), "8518300000", 2000, fob: 40000m)),
            });
            var opened = await exporter.PostJsonAsync("/api/cases", CaseData.Case([CaseData.Line(decl, 500, "Unsold", Iso(today.AddDays(-1)))],
                [CaseData.Document("SelfDeclaration", decl, 500), CaseData.Document("ExportDeclaration", decl)]));
            caseId = opened["caseId"]!.GetValue<string>();
            var view = await Eventually.GetAsync(() => analyst.GetJsonAsync($"/api/cases/{caseId}"), v => OpenTask(v, "ReviewEvidence") is not null);
            reviewTask = OpenTask(view, "ReviewEvidence")!;

            var held = await customs.PostJsonAsync($"/api/cases/{caseId}/hold", new JsonObject { ["reason"] = "Platform records disagree with the invoice" }, "hold-restart-1");
            Assert.Equal("OnHold", CaseData.Status(held));
            await first.KillAsync();
        }

        await using var second = await StartAsync();
        using var supervisor = second.Client(TestKeys.Supervisor);
        using var officer = second.Client(TestKeys.CustomsOfficer);

        var after = await supervisor.GetJsonAsync($"/api/cases/{caseId}");
        Assert.Equal("OnHold", CaseData.Status(after));
        Assert.Equal("EvidenceReview", after["hold"]!["previousStatus"]!.GetValue<string>());
        var task = (await supervisor.GetJsonAsync($"/api/tasks/{reviewTask}"))["task"]!;
        Assert.True(task["held"]!.GetValue<bool>());
        Assert.False(task["overdue"]!.GetValue<bool>());
        using (var complete = await officer.PostAsync($"/api/tasks/{reviewTask}/complete", HttpJson.Json(new JsonObject { ["outcome"] = "Accept" })))
        {
            Assert.Equal(HttpStatusCode.Conflict, complete.StatusCode);
            Assert.Equal("TASK_HELD", (await complete.ReadJsonAsync())["code"]!.GetValue<string>());
        }
        Assert.NotNull(OpenTask(after, "ReviewReferral"));
        // The placing of the hold answered before the restart answers the same after it (the key is in the database).
        var retried = await officer.PostJsonAsync($"/api/cases/{caseId}/hold", new JsonObject { ["reason"] = "Platform records disagree with the invoice" }, "hold-restart-1");
        Assert.Single(retried["holds"]!.AsArray());

        var released = await supervisor.PostJsonAsync($"/api/cases/{caseId}/release", new JsonObject { ["comment"] = "Records reconciled" }, "release-restart-1");
        Assert.Equal("EvidenceReview", CaseData.Status(released));
        await officer.PostJsonAsync($"/api/tasks/{reviewTask}/complete", new JsonObject { ["outcome"] = "Accept" }, "complete-after-restart");
        var moved = await Eventually.GetAsync(() => supervisor.GetJsonAsync($"/api/cases/{caseId}"), v => CaseData.Status(v) == "CertificateApplication");
        Assert.Contains(moved["timeline"]!.AsArray(), e => e!["notification"]?.GetValue<string>() == "case-released");
    }

    private static string? OpenTask(JsonNode view, string activityType) =>
        view["tasks"]!.AsArray().LastOrDefault(t => t!["activityType"]?.GetValue<string>() == "ExportTaxCheck." + activityType && t["status"]!.GetValue<string>() == "Open")?["id"]!.GetValue<string>();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
