using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Workflows.Returns.Gateway;
using ExportTaxCheck.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>Drives return cases through the REST API the way exporters and officers do.</summary>
public sealed class CaseDriver
{
    public const string E1 = HostFixture.ExporterUscc;

    public CaseDriver(HostFixture host)
    {
        Host = host;
        Analyst = host.Analyst();
        Exporter = host.WithKey(HostFixture.ExporterKey);
        Tax = host.WithKey(HostFixture.TaxOfficerKey);
        Customs = host.WithKey(HostFixture.CustomsOfficerKey);
    }

    public HostFixture Host { get; }
    public HttpClient Analyst { get; }
    public HttpClient Exporter { get; }
    public HttpClient Tax { get; }
    public HttpClient Customs { get; }

    public static JsonObject ExportLine(string declarationNo, int itemNo, string code, string declared, string? exported, string hs, decimal qty,
        decimal fob = 10000m, string currency = "USD", string refundStatus = "NotDeclared", decimal vatRefunded = 0, decimal ctRefunded = 0,
        decimal exportDutyPaid = 0, string? areaExit = null, string exporter = E1, string goodsName = "蓝牙耳机", string unit = "007", decimal? fobCny = null,
        string? exportDutyPaidOn = null)
    {
        var export = new JsonObject
        {
            ["docType"] = "Declaration", ["declarationNo"] = declarationNo, ["itemNo"] = itemNo, ["supervisionCode"] = code, ["declarationDate"] = declared,
            ["hsCode"] = hs, ["goodsName"] = goodsName, ["legalUnitCode"] = unit, ["exportedQty"] = qty, ["currency"] = currency, ["fobForeign"] = fob,
            ["exportDutyPaid"] = exportDutyPaid, ["exporterUscc"] = exporter, ["docStatus"] = "Released", ["hasExportCompletionData"] = true,
        };
        if (exported is not null)
            export["exportDate"] = exported;
        if (areaExit is not null)
            export["areaExitDate"] = areaExit;
        if (fobCny is not null)
            export["fobCny"] = fobCny;
        if (exportDutyPaidOn is not null)
            export["exportDutyPaidOn"] = exportDutyPaidOn;
        return new JsonObject
        {
            ["export"] = export,
            ["refund"] = new JsonObject { ["status"] = refundStatus, ["vatRefunded"] = vatRefunded, ["ctRefunded"] = ctRefunded, ["refundRate"] = 0.13m, ["levyRate"] = 0.13m },
        };
    }

    public async Task LoadAsync(params JsonObject[] lines) =>
        await Analyst.PostJsonAsync("/api/reference-data/export-lines", new JsonObject { ["exportLines"] = new JsonArray(lines) });

    public static JsonObject Line(string declarationNo, decimal qty, string reason, string plannedEntry, int itemNo = 1, int lineNo = 1, decimal cif = 10000m) => new()
    {
        ["lineNo"] = lineNo, ["exportDeclarationNo"] = declarationNo, ["exportItemNo"] = itemNo, ["returnedQty"] = qty, ["returnUnitCode"] = "007",
        ["reason"] = reason, ["plannedEntryDate"] = plannedEntry, ["declaredCifForeign"] = cif,
    };

    public static JsonObject Document(string type, string declarationNo, decimal? qty = null, int line = 1) => new()
    {
        ["type"] = type, ["coversLines"] = new JsonArray(line), ["exportReferences"] = new JsonArray(declarationNo),
        ["statedQuantities"] = qty is null ? new JsonArray() : new JsonArray(new JsonObject { ["lineNo"] = line, ["qty"] = qty }),
        ["signedBy"] = "法定代表人", ["platform"] = "Amazon", ["platformOrderNo"] = "112-1234567-1234567",
        ["fileName"] = type + ".pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("%PDF " + type)),
    };

    public static JsonObject Case(JsonArray lines, JsonArray documents, string enterpriseType = "Trading") => new()
    {
        ["exporterUscc"] = E1, ["exporterCustomsCode"] = "4403961234", ["exporterName"] = "深圳蓝波贸易有限公司", ["enterpriseType"] = enterpriseType,
        ["competentTaxAuthorityCode"] = "14403000000", ["attestationAccepted"] = true, ["lines"] = lines, ["documents"] = documents,
    };

    public async Task<JsonNode> CreateAsync(JsonObject body) => await Exporter.PostJsonAsync("/api/cases", body);

    public Task<JsonNode> GetAsync(string caseId) => Exporter.GetJsonAsync($"/api/cases/{caseId}");

    public static string Status(JsonNode view) => view["status"]!.GetValue<string>();

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

    public static JsonObject Declaration(string certificateNo, decimal qty, string entryDate, decimal cif, decimal rate, decimal dutyRate, string relatedExport,
        string hs = "8518300000", string declarationNo = "530020261000765432", string? declarationDate = null, string currency = "USD", decimal vatRate = 0.13m,
        decimal ctRate = 0m, string goodsName = "蓝牙耳机", int originalItemNo = 1) => new()
    {
        ["returnDeclarationNo"] = declarationNo, ["supervisionCode"] = "4561", ["consigneeUscc"] = E1, ["relatedExportDeclarationNo"] = relatedExport,
        ["certificateNo"] = certificateNo, ["declarationDate"] = declarationDate ?? entryDate, ["entryDate"] = entryDate, ["entryPortCode"] = "5300", ["customsRate"] = rate,
        ["lines"] = new JsonArray(new JsonObject
        {
            ["itemNo"] = 1, ["originalItemNo"] = originalItemNo, ["hsCode"] = hs, ["goodsName"] = goodsName, ["qty"] = qty, ["unitCode"] = "007", ["currency"] = currency,
            ["totalPrice"] = cif, ["dutyRate"] = dutyRate, ["vatRate"] = vatRate, ["ctRate"] = ctRate,
        }),
    };

    public static string CertificateNo(JsonNode view, int index = -1)
    {
        var certificates = view["certificates"]!.AsArray();
        var certificate = index < 0 ? certificates[^1] : certificates[index];
        return certificate!["certificateNo"]!.GetValue<string>();
    }

    public async Task<JsonNode> FileDeclarationAsync(string caseId, JsonObject declaration, string? idempotencyKey = null) =>
        await Exporter.PostJsonAsync($"/api/cases/{caseId}/return-declarations", declaration, idempotencyKey);

    public async Task FireTimersAsync() => await Host.Services.GetRequiredService<WorkflowRuntime>().FireDueTimersAsync(CancellationToken.None);

    public async Task DeliverFeedbackAsync() => await Host.Services.GetRequiredService<UsageFeedbackDispatcher>().DeliverDueAsync(CancellationToken.None);

    /// <summary>Runs the case from the officers' side up to an issued, transmitted certificate.</summary>
    public async Task<JsonNode> ThroughCertificateAsync(string caseId, JsonObject? makeUp = null)
    {
        await CompleteAsync(Customs, caseId, "ReviewEvidence", "Accept");
        var view = await GetAsync(caseId);
        if (Status(view) == "MakeUpRequired")
            await CompleteAsync(Tax, caseId, "ConfirmMakeUp", "Confirmed", makeUp ?? new JsonObject { ["method"] = "Repaid", ["paymentVoucherNo"] = "344036260800012345", ["paidOn"] = "2026-08-05" });
        return await CompleteAsync(Tax, caseId, "ReviewCertificateApplication", "Approve");
    }
}
