using System.Text.Json.Nodes;
using ExportTaxCheck.Workflows.Activities;
using ExportTaxCheck.Workflows.Returns.Storage;
using ExportTaxCheck.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Workflows.Returns.Activities;

/// <summary>The events the case API raises for waiting case steps; each is correlated by case id.</summary>
public static class CaseEvents
{
    public const string EvidenceUploaded = "EvidenceUploaded";
    public const string ReturnDeclarationFiled = "ReturnDeclarationFiled";
    public const string CertificateCancelled = "CertificateCancelled";
    public const string PaperCertificateSubmitted = "PaperCertificateSubmitted";
    public const string CaseWithdrawn = "CaseWithdrawn";
}

/// <summary>The e-mail templates case steps ask for (one per event the exporter hears about).</summary>
public static class CaseNotifications
{
    public const string CaseReceived = "case-received";
    public const string SupplementRequested = "supplement-requested";
    public const string Ineligible = "ineligible";
    public const string MakeUpDue = "make-up-due";
    public const string CertificateIssued = "certificate-issued";
    public const string CrossCheckMatched = "cross-check-matched";
    public const string CrossCheckMismatched = "cross-check-mismatched";
    public const string PaperRequired = "paper-required";
    public const string ExemptionGranted = "exemption-granted";
    public const string ExportDutyRefunded = "export-duty-refunded";
    public const string CaseClosed = "case-closed";
    public const string CaseRejected = "case-rejected";

    /// <summary>Every notification of a case, each a set of template files.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        CaseReceived, SupplementRequested, Storage.CaseSession.SupplementReminder, Ineligible, MakeUpDue, CertificateIssued, CrossCheckMatched,
        CrossCheckMismatched, PaperRequired, ExemptionGranted, ExportDutyRefunded, CaseClosed, CaseRejected,
    ];
}

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
        var docs = keys.Select(k => k.ExportDocNo).Distinct().ToList();
        var rows = await context.Db.Set<ReturnLineClaimRecord>().AsNoTracking()
            .Where(c => docs.Contains(c.ExportDocNo) && c.CaseId != caseId && c.Counts)
            .ToListAsync(context.CancellationToken);
        return rows.Where(r => keys.Contains(new ExportLineKey(r.ExportDocNo, r.ExportItemNo))).ToList();
    }

    public static string Actor(Tasks.TaskCompletion completion, string role) => completion.CompletedBy ?? role;

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.ToString() ?? "").Where(s => s.Length > 0).ToList()
        : node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? [s] : [];
}
