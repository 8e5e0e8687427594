using System.Globalization;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Durability;

/// <summary>
/// The X-09 status push across a restart between its steps: a refund on a line a NotRefunded certificate covers is
/// committed with its status update queued, the Host dies before customs hears of it, and the update is delivered by the
/// next process; the refund's retry with the same key refunds nothing twice, and customs' cross-check then finds the
/// variant inconsistent — the two registries never disagree into an exemption.
/// </summary>
public sealed class StatusUpdateRestartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-x09-restart-").FullName;

    private string DatabasePath => Path.Combine(_directory, "x09.db");

    [Fact]
    public async Task RefundCommitted_HostKilledBeforeThePush_NextProcessDeliversIt_AndTheCrossCheckIsMismatched()
    {
        var today = ProductProcess.ChinaToday();
        var declared = today.AddDays(-60);
        var decl = string.Create(CultureInfo.InvariantCulture, $"5300{declared.Year:0000}0008765432");
        var refund = new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["exportDocNo"] = decl, ["exportItemNo"] = 1, ["qty"] = 1500, ["vatRefunded"] = 19500.00m }),
        };
        string caseId, certificateNo, declarationId;

        // 1. The case up to a NotRefunded certificate at customs.
        await using (var first = await ProductProcess.StartAsync(_directory, DatabasePath))
        {
            using var analyst = first.Client(TestKeys.Analyst);
            using var exporter = first.Client(TestKeys.Exporter);
            await analyst.PostJsonAsync("/api/reference-data/export-lines", new JsonObject
            {
                ["exportLines"] = new JsonArray(CaseData.ExportLine(decl, 1, "9810", Iso(declared), Iso(declared.AddDays(2)), "8518300000", 2000, fob: 40000m)),
            });
            caseId = (await exporter.PostJsonAsync("/api/cases", CaseData.Case([CaseData.Line(decl, 500, "Unsold", Iso(today.AddDays(-1)))],
                [CaseData.Document("SelfDeclaration", decl, 500), CaseData.Document("ExportDeclaration", decl)])))["caseId"]!.GetValue<string>();
            await CompleteAsync(first.Client(TestKeys.CustomsOfficer), analyst, caseId, "ReviewEvidence", "Accept");
            await Eventually.GetAsync(() => analyst.GetJsonAsync($"/api/cases/{caseId}"), v => CaseData.Status(v) == "CertificateApplication");
            await exporter.PostJsonAsync($"/api/cases/{caseId}/certificate-applications",
                new JsonObject { ["exportDocNo"] = decl, ["variant"] = "NotRefunded", ["refundStatus"] = "NotDeclared" }, "apply-1");
            await CompleteAsync(first.Client(TestKeys.TaxOfficer), analyst, caseId, "ReviewCertificateApplication", "Approve");
            var issued = await Eventually.GetAsync(() => analyst.GetJsonAsync($"/api/cases/{caseId}"),
                v => v["customsRegistry"]!.AsArray().Count == 1 && v["certificates"]![0]!["status"]!.GetValue<string>() == "Transmitted");
            certificateNo = CaseData.CertificateNo(issued);
            await first.KillAsync();
        }

        // 2. The refund commits with its push queued; no worker runs, and the process dies before customs hears of it.
        await using (var second = await ProductProcess.StartAsync(_directory, DatabasePath, new Dictionary<string, string> { ["Workers__Enabled"] = "false" }))
        {
            using var tax = second.Client(TestKeys.TaxOfficer);
            var declaredRefund = await tax.PostJsonAsync("/api/refund-declarations", refund, "refund-restart-1");
            declarationId = declaredRefund["declarationId"]!.GetValue<string>();
            Assert.Equal(1500m, declaredRefund["lines"]![0]!["acceptedQty"]!.GetValue<decimal>());
            var pending = await tax.GetJsonAsync($"/api/cases/{caseId}");
            Assert.Equal("Pending", pending["statusUpdates"]!.AsArray().Single()!["status"]!.GetValue<string>());
            Assert.Equal("NotDeclared", pending["customsRegistry"]![0]!["refundStatus"]!["1"]!.GetValue<string>());
            await second.KillAsync();
        }

        // 3. The next process delivers the update; the retried refund answers the same and refunds nothing twice.
        await using var third = await ProductProcess.StartAsync(_directory, DatabasePath);
        using var officer = third.Client(TestKeys.TaxOfficer);
        using var client = third.Client(TestKeys.Exporter);
        var retried = await officer.PostJsonAsync("/api/refund-declarations", refund, "refund-restart-1");
        Assert.Equal(declarationId, retried["declarationId"]!.GetValue<string>());
        Assert.Equal(1500m, (await officer.GetJsonAsync($"/api/reference-data/export-lines/{decl}/1"))["refund"]!["refundedQty"]!.GetValue<decimal>());
        var delivered = await Eventually.GetAsync(() => officer.GetJsonAsync($"/api/cases/{caseId}"),
            v => v["statusUpdates"]!.AsArray().Single()!["status"]!.GetValue<string>() == "Delivered");
        Assert.Equal("Refunded", delivered["customsRegistry"]![0]!["refundStatus"]!["1"]!.GetValue<string>());

        await client.PostJsonAsync($"/api/cases/{caseId}/return-declarations", CaseData.Declaration(certificateNo, 500, Iso(today), 10000m, 7.12m, 0.08m, decl,
            declarationNo: string.Create(CultureInfo.InvariantCulture, $"5300{today.Year:0000}1008765432")), "declare-1");
        var mismatched = await Eventually.GetAsync(() => client.GetJsonAsync($"/api/cases/{caseId}"), v => CaseData.Status(v) == "Mismatched");
        Assert.Contains("VARIANT_STATUS_INCONSISTENT", mismatched["statusReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(0m, mismatched["amounts"]!["totalExempted"]!.GetValue<decimal>());
        Assert.Equal("Transmitted", mismatched["customsRegistry"]![0]!["status"]!.GetValue<string>());
    }

    private static async Task CompleteAsync(HttpClient officer, HttpClient reader, string caseId, string activityType, string outcome)
    {
        var view = await Eventually.GetAsync(() => reader.GetJsonAsync($"/api/cases/{caseId}"), v => OpenTask(v, activityType) is not null);
        var taskId = OpenTask(view, activityType)!;
        await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = outcome }, "complete-" + taskId);
        officer.Dispose();
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
