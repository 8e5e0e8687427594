using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Returns.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// What a case notification template sees: <c>caseId</c>, <c>exporterName</c>, <c>exporterUscc</c>, <c>status</c>,
/// <c>reasons</c>, <c>details</c> (the whole case view, as <c>GET /api/cases/{id}</c> shows it),
/// <c>event</c> (the timeline event being told: <c>at</c>, <c>date</c>, <c>status</c>, <c>message</c>, <c>codes</c>),
/// <c>amounts</c> (formatted with two decimals and thousands separators), <c>statusText</c> and every
/// reason as <c>{ code, zh, en }</c> from <see cref="DisplayTexts"/>, <c>certificates</c> (the case's issued
/// certificates), <c>crossCheck</c> (the latest result, each difference with its field and both values in both languages,
/// and <c>correction</c>), <c>supplement</c> (due date and missing documents), and what to do next (<see cref="MailGuidance"/>):
/// <c>contact</c> (customs and the case's tax authority), <c>makeUp</c> (how, where and by when), <c>objection</c>.
/// </summary>
public sealed class CaseNotificationModel(
    CaseQueries queries, IDbContextFactory<WorkflowDbContext> dbFactory, IOptions<ReturnsOptions> options, ReturnsDomainOptions domain) : INotificationModelSource
{
    public string Name => CaseReference.Type;

    public Task<JsonObject> BuildAsync(OutboxMessageRecord message, Func<string, bool> uses, CancellationToken ct) =>
        BuildAsync(message, uses, new NotificationBatch(), ct);

    /// <summary>
    /// The model of one message of a dispatch batch: the batch's messages about one case (a case's e-mails are often sent
    /// together) see it as it stood when the first of them was rendered, read once. Each tells its own event, and the
    /// status and supplement its step saw.
    /// </summary>
    public async Task<JsonObject> BuildAsync(OutboxMessageRecord message, Func<string, bool> uses, NotificationBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (CaseReference.CaseIdOf(message.ReferenceType, message.ReferenceId) is not { } caseId)
            return [];
        // The whole view only for a template that shows it (details); the model below reads the case file and certificates.
        var details = uses("details");
        var view = await batch.ReadOnceAsync(details ? "case view, whole" : "case view", caseId, () => queries.GetAsync(caseId, whole: details, ct));
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
            ["statusText"] = StatusTexts(snapshot?["status"]?.GetValue<string>(), view.Status),
            ["contact"] = MailGuidance.Contact(view.CompetentTaxAuthorityCode, options.Value.Authorities),
            ["objection"] = MailGuidance.Objection(),
        };

        // The whole case view, for an analyst's template that reads it: none of the shipped ones does.
        if (details)
            model["details"] = JsonSerializer.SerializeToNode(view, ReturnsJson.Options);

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
                ["textZh"] = evt.TextIn(DisplayTexts.Chinese) ?? evt.Message,
                ["textEn"] = evt.TextIn(DisplayTexts.English) ?? evt.Message,
                ["codes"] = new JsonArray(evt.Codes.Select(c => (JsonNode?)c).ToArray()),
                ["reasons"] = new JsonArray(evt.Codes.Select(c => (JsonNode?)ReasonTexts(c)).ToArray()),
                ["actor"] = evt.Actor,
            };
        }
        var askedOn = index >= 0 && index < view.Timeline.Count ? view.Timeline[index].At : view.UpdatedAt;
        model["makeUp"] = MailGuidance.MakeUp(view, ChinaTime.ToChinaDate(askedOn), domain.MakeUpDays);

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
            ["variantZh"] = DisplayTexts.Of(c.Variant, DisplayTexts.Chinese),
            ["variantEn"] = DisplayTexts.Of(c.Variant, DisplayTexts.English),
            ["status"] = c.Status.ToString(),
        }).ToArray());
        if (view.CrossChecks.LastOrDefault() is { } check)
        {
            model["crossCheck"] = new JsonObject
            {
                ["result"] = check.Result.ToString(),
                ["certificateNo"] = check.CertificateNo,
                ["returnDeclarationNo"] = check.ReturnDeclarationNo,
                ["reasons"] = new JsonArray(check.Reasons.Select(r => (JsonNode?)MailGuidance.Difference(r)).ToArray()),
                ["correction"] = MailGuidance.Correction(),
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
                    ["zh"] = DisplayTexts.MissingDocument(c, DisplayTexts.Chinese),
                    ["en"] = DisplayTexts.MissingDocument(c, DisplayTexts.English),
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

    /// <summary>A reason code with its sentence in both languages, as the mails list it.</summary>
    private static JsonObject ReasonTexts(string code) => new()
    {
        ["code"] = code, ["zh"] = DisplayTexts.Reason(code, DisplayTexts.Chinese), ["en"] = DisplayTexts.Reason(code, DisplayTexts.English),
    };

    private static JsonObject StatusTexts(string? seen, ReturnCaseStatus current)
    {
        var status = Enum.TryParse<ReturnCaseStatus>(seen, out var parsed) ? parsed : current;
        return new JsonObject { ["zh"] = DisplayTexts.Of(status, DisplayTexts.Chinese), ["en"] = DisplayTexts.Of(status, DisplayTexts.English) };
    }

    public static string Money(decimal amount) => DisplayTexts.Number(amount);
}
