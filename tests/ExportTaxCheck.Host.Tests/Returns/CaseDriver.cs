using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.CustomsGateway;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>Drives return cases through the REST API the way exporters and officers do.</summary>
public sealed class CaseDriver : CaseData
{
    public CaseDriver(HostFixture host)
    {
        Host = host;
        Analyst = host.Analyst();
        Exporter = host.WithKey(HostFixture.ExporterKey);
        Tax = host.WithKey(HostFixture.TaxOfficerKey);
        Customs = host.WithKey(HostFixture.CustomsOfficerKey);
        Supervisor = host.WithKey(HostFixture.SupervisorKey);
    }

    public HostFixture Host { get; }
    public HttpClient Analyst { get; }
    public HttpClient Exporter { get; }
    public HttpClient Tax { get; }
    public HttpClient Customs { get; }
    public HttpClient Supervisor { get; }

    public async Task LoadAsync(params JsonObject[] lines) =>
        await Analyst.PostJsonAsync("/api/reference-data/export-lines", new JsonObject { ["exportLines"] = new JsonArray(lines) });

    public async Task<JsonNode> CreateAsync(JsonObject body) => await Exporter.PostJsonAsync("/api/cases", body);

    /// <summary>Loads a 9810 export line of 2,000 and opens a case returning 500 of it unsold, its documents complete; returns the case id.</summary>
    public async Task<string> OpenUnsoldCaseAsync(string decl)
    {
        await LoadAsync(ExportLine(decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var created = await CreateAsync(Case([Line(decl, 500, "Unsold", "2026-08-20")], [Document("SelfDeclaration", decl, 500), Document("ExportDeclaration", decl)]));
        return created["caseId"]!.GetValue<string>();
    }

    public Task<JsonNode> GetAsync(string caseId) => Exporter.GetJsonAsync($"/api/cases/{caseId}");

    public async Task<string> OpenTaskAsync(string caseId, string activityType)
    {
        var view = await Analyst.GetJsonAsync($"/api/cases/{caseId}");
        var task = view["tasks"]!.AsArray().LastOrDefault(t => t!["activityType"]?.GetValue<string>() == "ExportTaxCheck." + activityType && t["status"]!.GetValue<string>() == "Open")
                   ?? throw new InvalidOperationException($"Case {caseId} has no open {activityType} task; status {Status(view)}; tasks {view["tasks"]!.ToJsonString()}");
        return task["id"]!.GetValue<string>();
    }

    public async Task<JsonNode> CompleteAsync(HttpClient officer, string caseId, string activityType, string outcome, JsonObject? data = null)
    {
        var taskId = await OpenTaskAsync(caseId, activityType);
        await officer.PostJsonAsync($"/elsa/api/tasks/{taskId}/complete", new JsonObject { ["result"] = new JsonObject { ["outcome"] = outcome, ["data"] = data ?? new JsonObject() } },
            idempotencyKey: "complete-" + taskId);
        return await GetAsync(caseId);
    }

    public async Task<JsonNode> FileDeclarationAsync(string caseId, JsonObject declaration, string? idempotencyKey = null) =>
        await Exporter.PostJsonAsync($"/api/cases/{caseId}/return-declarations", declaration, idempotencyKey);

    /// <summary>
    /// Fires the timers due on the test clock and waits until none is left: one the Host's timer worker claimed first
    /// fires in that worker's sweep, so this sweep skips it.
    /// </summary>
    public async Task FireTimersAsync()
    {
        var sweeps = Host.Services.GetRequiredService<RuntimeSweeps>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await sweeps.FireDueTimersAsync(CancellationToken.None);
            if (await sweeps.NextDueAsync(CancellationToken.None) is not { } due || due > Host.Clock.GetUtcNow() || DateTime.UtcNow > deadline)
                return;
            await Task.Delay(20);
        }
    }

    public async Task DeliverFeedbackAsync() => await Host.Services.GetRequiredService<UsageFeedbackDispatcher>().DeliverDueAsync(CancellationToken.None);

    /// <summary>X-09: sends the status updates due now (the Host's worker may have sent them already).</summary>
    public async Task DeliverStatusUpdatesAsync() => await Host.Services.GetRequiredService<StatusUpdateDispatcher>().DeliverDueAsync(CancellationToken.None);

    /// <summary>Delivers the events committed steps published (the Host's worker may be delivering them too).</summary>
    public async Task DeliverEventsAsync()
    {
        var sweeps = Host.Services.GetRequiredService<RuntimeSweeps>();
        while (await sweeps.DeliverPendingEventsAsync(CancellationToken.None) > 0)
        {
        }
    }

    /// <summary>A tax officer's refund declaration of one line (E-15).</summary>
    public async Task<JsonNode> DeclareRefundAsync(string exportDocNo, decimal qty, decimal vat = 0m, string kind = "Refund", int itemNo = 1, string? idempotencyKey = null) =>
        await Tax.PostJsonAsync("/api/refund-declarations", RefundDeclaration(exportDocNo, qty, vat, kind, itemNo), idempotencyKey);

    public static JsonObject RefundDeclaration(string exportDocNo, decimal qty, decimal vat = 0m, string kind = "Refund", int itemNo = 1) => new()
    {
        ["lines"] = new JsonArray(new JsonObject { ["exportDocNo"] = exportDocNo, ["exportItemNo"] = itemNo, ["qty"] = qty, ["vatRefunded"] = vat, ["kind"] = kind }),
    };

    /// <summary>Runs the case from the officers' side up to an issued, transmitted certificate (the exporter applies on the way).</summary>
    public async Task<JsonNode> ThroughCertificateAsync(string caseId, JsonObject? makeUp = null)
    {
        await CompleteAsync(Customs, caseId, "ReviewEvidence", "Accept");
        var view = await GetAsync(caseId);
        if (Status(view) == "MakeUpRequired")
            await CompleteAsync(Tax, caseId, "ConfirmMakeUp", "Confirmed", makeUp ?? new JsonObject { ["method"] = "Repaid", ["paymentVoucherNo"] = "344036260800012345", ["paidOn"] = "2026-08-05" });
        await ApplyAsync(caseId);
        return await CompleteAsync(Tax, caseId, "ReviewCertificateApplication", "Approve");
    }

    /// <summary>
    /// §5.5: the exporter applies for the certificate of every export document, stating the variant and refund status its
    /// own refund records show (NotRefunded / NotDeclared, or TaxPaid with the make-up method the tax officer confirmed).
    /// </summary>
    public async Task<JsonNode> ApplyAsync(string caseId)
    {
        var view = await GetAsync(caseId);
        foreach (var doc in view["lines"]!.AsArray().Where(l => l!["eligibility"]?["outcome"]?.GetValue<string>() != "Ineligible").GroupBy(l => l!["exportReference"]!.GetValue<string>()))
        {
            var refunded = doc.Any(l => l!["refundStatus"]!.GetValue<string>() != "NotDeclared");
            var offset = doc.Any(l => l!["makeUp"]?["method"]?.GetValue<string>() == "Offset");
            view = await ApplyAsync(caseId, doc.Key, refunded ? "TaxPaid" : "NotRefunded", refunded ? offset ? "Offset" : "Repaid" : "NotDeclared");
        }
        return view;
    }

    public async Task<JsonNode> ApplyAsync(string caseId, string exportDocNo, string variant, string refundStatus, string? idempotencyKey = null) =>
        await Exporter.PostJsonAsync($"/api/cases/{caseId}/certificate-applications",
            new JsonObject { ["exportDocNo"] = exportDocNo, ["variant"] = variant, ["refundStatus"] = refundStatus }, idempotencyKey);
}
