using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Events;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.Case;

internal static class CaseSteps
{
    /// <summary>The case of the running instance: its correlation id is the case id.</summary>
    public static async Task<CaseSession> LoadAsync(ActivityContext context)
    {
        var caseId = context.CorrelationId
                     ?? (context.WorkflowInput["caseId"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null)
                     ?? throw new ActivityFaultException("CASE_NOT_FOUND", "This instance has no case: start it through POST /api/cases.", retryable: false);
        return await CaseSession.LoadAsync(context.Db, caseId, context.CancellationToken)
               ?? throw new ActivityFaultException("CASE_NOT_FOUND", $"Case '{caseId}' does not exist.", retryable: false);
    }

    public static DateOnly Today(ActivityContext context) => ChinaTime.ToChinaDate(context.Now);

    public static ReturnsDomainOptions Options(ActivityContext context) => context.GetRequiredService<ReturnsDomainOptions>();

    /// <summary>The instant a China date ends (24:00 UTC+8), when a deadline of that day has passed.</summary>
    public static DateTimeOffset EndOfChinaDay(DateOnly date) => new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

    public static void WaitForEvent(ActivityContext context, string eventName) =>
        context.CreateBookmark(new BookmarkRequest("Elsa.Event", Event.Stimulus(eventName), new JsonObject { ["eventName"] = eventName }));

    public static string? ResumedEvent(ActivityContext context) =>
        context.Resumption?.Payload["eventName"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;

    /// <summary>Claims of other cases that still count on the given export lines (E-11, C-03 cumulative shares).</summary>
    public static async Task<List<ReturnLineClaimRecord>> OtherClaimsAsync(ActivityContext context, string caseId, IEnumerable<ExportLineKey> lines)
    {
        var keys = lines.Distinct().ToList();
        var rows = await ReturnLineClaims.OthersOnAsync(context.Db, caseId, keys.Select(k => k.ExportDocNo), context.CancellationToken);
        return rows.Where(r => keys.Contains(new ExportLineKey(r.ExportDocNo, r.ExportItemNo))).ToList();
    }

    /// <summary>The returns of <paramref name="others"/> on the same export line as <paramref name="line"/>, with the shares they took.</summary>
    public static List<EarlierReturn> EarlierReturnsOn(IEnumerable<ReturnLineClaimRecord> others, ReturnCaseLine line) =>
        others.Where(c => c.ExportDocNo == line.Export.ExportReference && c.ExportItemNo == line.Export.ItemNo)
            .Select(c => new EarlierReturn(c.ReturnedQty, c.MakeUpVat, c.MakeUpCt, c.FobCnyReturned, c.ExportDutyRefund))
            .ToList();

    public static string Actor(TaskCompletion completion, string role) => completion.CompletedBy ?? role;

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.ToString() ?? "").Where(s => s.Length > 0).ToList()
        : node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? [s] : [];
}
