using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Evidence;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// What a case notification template sees: <c>caseId</c>, <c>exporterName</c>, <c>exporterUscc</c>, <c>status</c>,
/// <c>reasons</c>, <c>details</c> (the whole case view, as <c>GET /api/cases/{id}</c> shows it),
/// <c>event</c> (the timeline event being told: <c>at</c>, <c>date</c>, <c>status</c>, <c>message</c>, <c>codes</c>),
/// <c>amounts</c> (formatted with two decimals and thousands separators), <c>certificates</c> (the case's issued
/// certificates), <c>crossCheck</c> (the latest result), <c>supplement</c> (due date and missing documents).
/// </summary>
public sealed class CaseNotificationModel(CaseQueries queries, IDbContextFactory<WorkflowDbContext> dbFactory) : INotificationModelSource
{
    public string Name => CaseReference.Type;

    public async Task<JsonObject> BuildAsync(OutboxMessageRecord message, CancellationToken ct)
    {
        if (CaseReference.CaseIdOf(message.ReferenceType, message.ReferenceId) is not { } caseId)
            return [];
        var view = await queries.GetAsync(caseId, ct);
        // What the step saw wins over what the case shows now.
        var snapshot = message.Snapshot is null ? null : JsonNode.Parse(message.Snapshot) as JsonObject;
        if (snapshot?["supplement"] is JsonObject seen)
            view = view with { Supplement = seen.Deserialize<SupplementRequest>(ReturnsJson.Options) };
        var model = new JsonObject
        {
            ["caseId"] = view.CaseId,
            ["exporterName"] = view.ExporterName,
            ["exporterUscc"] = view.ExporterUscc,
            ["status"] = snapshot?["status"]?.GetValue<string>() ?? view.Status.ToString(),
            ["reasons"] = snapshot?["reasons"]?.DeepClone() ?? new JsonArray(view.StatusReasons.Select(r => (JsonNode?)r).ToArray()),
            ["details"] = JsonSerializer.SerializeToNode(view, ReturnsJson.Options),
        };

        var index = message.EventIndex ?? view.Timeline.Count - 1;
        if (index >= 0 && index < view.Timeline.Count)
        {
            var evt = view.Timeline[index];
            model["event"] = new JsonObject
            {
                ["at"] = TimeZoneInfo.ConvertTime(evt.At, ChinaTime.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ["date"] = ChinaTime.ToChinaDate(evt.At).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["kind"] = evt.Kind,
                ["status"] = evt.Status?.ToString(),
                ["message"] = evt.Message,
                ["codes"] = new JsonArray(evt.Codes.Select(c => (JsonNode?)c).ToArray()),
                ["actor"] = evt.Actor,
            };
        }

        var a = view.Amounts;
        model["amounts"] = new JsonObject
        {
            ["makeUpVat"] = Money(a.MakeUpVat), ["makeUpCt"] = Money(a.MakeUpCt), ["makeUpTotal"] = Money(a.MakeUpTotal),
            ["customsValue"] = Money(a.CustomsValue), ["importDuty"] = Money(a.ImportDutyExempted), ["importVat"] = Money(a.ImportVatExempted),
            ["importCt"] = Money(a.ImportCtExempted), ["totalExempted"] = Money(a.TotalExempted), ["exportDutyRefund"] = Money(a.ExportDutyRefund),
        };
        model["certificates"] = new JsonArray(view.Certificates.Where(c => c.CertificateNo is not null).Select(c => (JsonNode?)new JsonObject
        {
            ["number"] = c.CertificateNo,
            ["variant"] = c.Variant.ToString(),
            ["variantZh"] = c.Variant == CertificateVariant.TaxPaid ? "已补税" : "未退税",
            ["status"] = c.Status.ToString(),
        }).ToArray());
        if (view.CrossChecks.LastOrDefault() is { } check)
        {
            model["crossCheck"] = new JsonObject
            {
                ["result"] = check.Result.ToString(),
                ["certificateNo"] = check.CertificateNo,
                ["returnDeclarationNo"] = check.ReturnDeclarationNo,
                ["reasons"] = new JsonArray(check.Reasons.Select(r => (JsonNode?)new JsonObject
                {
                    ["code"] = r.Code, ["lineNo"] = r.LineNo, ["expected"] = r.Expected, ["actual"] = r.Actual, ["warning"] = r.IsWarning,
                }).ToArray()),
            };
        }
        if (view.Supplement is { } supplement)
        {
            model["supplement"] = new JsonObject
            {
                ["requestedOn"] = supplement.RequestedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["dueDate"] = supplement.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["codes"] = new JsonArray(supplement.Codes.Select(c => (JsonNode?)c).ToArray()),
                ["documents"] = new JsonArray(supplement.Codes.Select(c => (JsonNode?)new JsonObject
                {
                    ["code"] = c,
                    ["zh"] = MissingDocuments.TryGetValue(c, out var names) ? names.Zh : c,
                    ["en"] = MissingDocuments.TryGetValue(c, out names) ? names.En : c,
                }).ToArray()),
            };
        }
        return model;
    }

    public async Task<bool> StillAppliesAsync(OutboxMessageRecord message, CancellationToken ct)
    {
        if (CaseReference.CaseIdOf(message.ReferenceType, message.ReferenceId) is not { } caseId || message.SendIfStatus is null)
            return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await db.Set<ReturnCaseRecord>().Where(c => c.Id == caseId).Select(c => (ReturnCaseStatus?)c.Status).FirstOrDefaultAsync(ct);
        return status?.ToString() == message.SendIfStatus;
    }

    /// <summary>The documents a supplement code asks for, in both languages.</summary>
    private static readonly Dictionary<string, (string Zh, string En)> MissingDocuments = new()
    {
        [ReasonCodes.EvidenceIncompleteMissingExportDoc] = ("原出口报关单或清单", "the original export declaration or list"),
        [ReasonCodes.EvidenceIncompleteMissingSelfDeclaration] = ("企业自主声明（滞销退货）", "the enterprise's self-declaration (unsold goods)"),
        [ReasonCodes.EvidenceIncompleteMissingReturnEvidence] = ("平台退货记录或退货协议等退货证明", "return evidence such as the platform's return record or a return agreement"),
        [ReasonCodes.EvidenceIncompleteMissingAttestation] = ("真实性承诺", "the authenticity attestation"),
        [ReasonCodes.EvidenceIncompleteMissingTrialUseEvidence] = ("试用或开箱检验的证明", "evidence of the trial use or unboxing inspection"),
    };

    public static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
