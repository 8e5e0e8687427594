using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Api;
using ExportTaxCheck.Host.Api.Tasks;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Host.Localization;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.MakeUp;
using ExportTaxCheck.Returns.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Pages.Tasks;

/// <summary>
/// One task: its case in brief, the step's form with one button per outcome, claim / release / assign / follow-up,
/// comments and the audit trail. Completion carries an idempotency key made when the page was drawn, so a double submit
/// acts once.
/// </summary>
public sealed class DetailsModel(
    TaskService tasks, CaseQueries cases, OfficerDirectory officers, ClearancePreviewer clearance, WorkSignals signals, MakeUpReview makeUps, TimeProvider clock, IOptions<WorkspaceOptions> workspace,
    IStringLocalizer<UiTexts> texts) : PageModel
{
    public TaskDetails Task { get; private set; } = null!;
    public CaseView? Case { get; private set; }
    public IReadOnlyList<UserRecord> Assignees { get; private set; } = [];
    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString("N");
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);
    public string? Problem { get; private set; }

    /// <summary>What the officer typed, kept when the form comes back with errors.</summary>
    public Dictionary<string, List<string>> Values { get; } = new(StringComparer.Ordinal);

    public string? Comment { get; private set; }

    /// <summary>How near the task's due time is (none once it is done, or while the case is held).</summary>
    public DueState Due { get; private set; }

    /// <summary>The make-up computed step by step, on the make-up confirmation.</summary>
    public IReadOnlyList<MakeUpSteps>? MakeUp { get; private set; }

    /// <summary>The certificate review: the application and its self-check are shown.</summary>
    public bool CertificateReview => Task.Task.ActivityType == "ExportTaxCheck." + nameof(ReviewCertificateApplication);

    /// <summary>Each return declaration beside its certificate, field by field, as the last cross-check judged them.</summary>
    public IReadOnlyList<DeclarationComparison> Comparisons { get; private set; } = [];

    /// <summary>The clearance task's lines (with the facts they carry now and the entry date they are judged by), when its form has an inspection.</summary>
    public IReadOnlyList<(ReturnCaseLine Line, DateOnly? EntryDate)>? InspectionLines { get; private set; }

    /// <summary>The inspection as the form shows it: the exporter's declared facts at first, then what the officer posted.</summary>
    public Dictionary<int, InspectedLine> Inspection { get; private set; } = [];

    /// <summary>What recording the inspection would decide, computed on the server before anything is recorded.</summary>
    public ClearancePreview? Preview { get; private set; }

    /// <summary>The decision refuses the exemption: the officer must tick the confirmation before it is recorded.</summary>
    public bool ConfirmRefusal { get; private set; }

    /// <summary>The form field that holds the inspection, when the task has one.</summary>
    private string? InspectionField => (Task.Form ?? []).OfType<JsonObject>().FirstOrDefault(f => f["widget"]?.GetValue<string>() == "inspection")?["name"]?.GetValue<string>();

    public async Task<IActionResult> OnPostPreviewAsync(string id, string? comment, string? idempotencyKey, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFoundPage();
        IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? IdempotencyKey : idempotencyKey;
        Comment = comment;
        if (ReadInspection() && Task.Task.CorrelationId is { } caseId)
            Preview = await clearance.PreviewAsync(caseId, Inspection, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostCompleteAsync(string id, string? outcome, string? comment, string? idempotencyKey, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFoundPage();
        IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? IdempotencyKey : idempotencyKey;
        Comment = comment;
        foreach (var (key, values) in Request.Form.Where(f => f.Key.StartsWith("data.", StringComparison.Ordinal)))
            Values[key["data.".Length..]] = values.Where(v => v is not null).Select(v => v!).ToList();
        if (!ReadInspection())
            return Page();

        var data = ReadData();
        CheckRequired(data, outcome);
        if (Errors.Count > 0)
            return Page();
        // A refusal is recorded only once the officer has seen it coming and confirmed it.
        if (InspectionLines is not null && Task.Task.CorrelationId is { } inspectedCase && Request.Form["confirmRefusal"] != "true"
            && await clearance.PreviewAsync(inspectedCase, Inspection, ct) is { Refuses: true } refusing)
        {
            Preview = refusing;
            ConfirmRefusal = true;
            Problem = texts["This decision refuses the exemption. Check the preview, then confirm the refusal and record it again."];
            return Page();
        }
        try
        {
            await tasks.CompleteAsync(User.ToTaskActor(), id, new TaskSubmission(outcome, data, comment), RequestReading.IdempotencyKey(IdempotencyKey, User), ct);
        }
        catch (InvalidRequestException ex)
        {
            foreach (var (field, messages) in ex.Errors)
                Errors[field] = messages;
            Problem = ex.Errors.Count > 0 ? texts["Please correct the marked fields."] : ex.Message;
            return Page();
        }
        catch (ProblemException ex)
        {
            Problem = ex.Message;
            await LoadAsync(id, ct);
            return Page();
        }
        TempData["Flash"] = texts["Done: \"{0}\" — {1}.", DisplayTexts.TaskTitle(Task.Task.ActivityType, Task.Task.Title, Task.Task.CorrelationId), DisplayTexts.Outcome(outcome ?? "")].Value;
        return Task.Task.CorrelationId is { } caseId ? Redirect($"/cases/{caseId}") : Redirect("/inbox");
    }

    public Task<IActionResult> OnPostClaimAsync(string id, CancellationToken ct) =>
        ActAsync(id, ct, () => tasks.ClaimAsync(User.ToTaskActor(), id, ct), texts["You hold this task now."]);

    public Task<IActionResult> OnPostReleaseAsync(string id, CancellationToken ct) =>
        ActAsync(id, ct, () => tasks.ReleaseAsync(User.ToTaskActor(), id, ct), texts["The task is back in the role's queue."]);

    public Task<IActionResult> OnPostAssignAsync(string id, string? assignee, CancellationToken ct) =>
        ActAsync(id, ct, () => tasks.AssignAsync(User.ToTaskActor(), id, assignee, ct), texts["Assigned to {0}.", assignee ?? ""]);

    public Task<IActionResult> OnPostFollowUpAsync(string id, string? followUp, CancellationToken ct) =>
        ActAsync(id, ct, () => tasks.SetFollowUpAsync(User.ToTaskActor(), id, TasksEndpoints.ShanghaiDate(followUp, "followUp"), ct), texts["Follow-up date saved."]);

    /// <summary>A supervisor moves the due date; the timer worker wakes, since the moved reminder may now come first.</summary>
    public Task<IActionResult> OnPostDueAsync(string id, string? dueAt, CancellationToken ct) =>
        ActAsync(id, ct, async () =>
        {
            var task = await tasks.SetDueAsync(User.ToTaskActor(), id, TaskDueTimes.Parse(dueAt, "dueAt"), ct);
            signals.TimerArmed();
            return task;
        }, texts["Due date changed."]);

    public Task<IActionResult> OnPostCommentAsync(string id, string? text, CancellationToken ct) =>
        ActAsync(id, ct, () => tasks.CommentAsync(User.ToTaskActor(), id, text, ct), texts["Comment added."]);

    private async Task<IActionResult> ActAsync<T>(string id, CancellationToken ct, Func<Task<T>> act, string done)
    {
        try
        {
            await act();
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }
        catch (ProblemException ex)
        {
            if (!await LoadAsync(id, ct))
                return NotFoundPage();
            Problem = ex is InvalidRequestException { Errors.Count: > 0 } invalid ? string.Join(" ", invalid.Errors.Values.SelectMany(m => m)) : ex.Message;
            return Page();
        }
        TempData["Flash"] = done;
        return Redirect($"/tasks/{id}");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        try
        {
            Task = await tasks.GetAsync(User.ToTaskActor(), id, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        if (Task.Task.CorrelationId is { } caseId)
        {
            try
            {
                Case = await cases.GetAsync(caseId, ct);
            }
            catch (NotFoundException)
            {
                Case = null;
            }
            if (Task.Task.ActivityType == "ExportTaxCheck." + nameof(ConfirmMakeUp))
                MakeUp = await makeUps.StepsAsync(caseId, ct);
        }
        Comparisons = Case is null ? [] : CrossCheckComparison.Of(Case);
        Due = workspace.Value.Classify(Task.Task.DueAt, Task.Task.Status is HumanTaskStatus.Open or HumanTaskStatus.Claimed, Task.Task.Held, clock.GetUtcNow());
        if (InspectionField is not null && Task.Task.CorrelationId is { } inspected && Task.Task.Status is HumanTaskStatus.Open or HumanTaskStatus.Claimed)
        {
            InspectionLines = await clearance.LinesAsync(inspected, ct);
            Inspection = (InspectionLines ?? []).ToDictionary(l => l.Line.LineNo, l => new InspectedLine(l.Line.OriginalState, null));
        }
        if (Task.Permissions.Assign)
        {
            var roles = new[] { Task.Task.CandidateRole, Task.Task.EscalatedTo }.OfType<string>().ToHashSet();
            Assignees = (await officers.ListAsync(null, ct))
                .Where(u => u.RoleList().Any(roles.Contains) || Task.Task.CandidateUsers.Contains(u.UserName)).ToList();
        }
        return true;
    }

    /// <summary>True when the task does not exist or is not the officer's to see (the page says so with a 404).</summary>
    public bool Missing { get; private set; }

    private IActionResult NotFoundPage()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>
    /// Reads the typed inspection fields into <see cref="Inspection"/> and the inspection field's JSON; false when a value
    /// is unreadable (its error is beside it).
    /// </summary>
    private bool ReadInspection()
    {
        if (InspectionLines is not { } lines || InspectionField is not { } field)
            return true;
        Inspection = InspectionFields.Read(Request.Form, lines.Select(l => l.Line.LineNo), Errors, texts["Enter a date as YYYY-MM-DD."]);
        Values[field] = [InspectionFields.ToJson(Inspection).ToJsonString()];
        return Errors.Count == 0;
    }

    /// <summary>
    /// A required field left empty is refused here, in the officer's language, next to its field; the task service checks
    /// the same again (its messages are for API clients).
    /// </summary>
    private void CheckRequired(JsonObject data, string? outcome)
    {
        foreach (var field in (Task.Form ?? []).OfType<JsonObject>())
        {
            var name = field["name"]?.GetValue<string>();
            if (name is null || Errors.ContainsKey(name))
                continue;
            var required = field["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req
                           || field["requiredFor"] is JsonArray when && when.Any(o => o?.ToString() == outcome);
            var value = data[name];
            var empty = value is null || value is JsonArray { Count: 0 } || (value is JsonValue v && v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s));
            if (required && empty)
                Errors[name] = [texts["{0} is required.", Label(field, name)]];
        }
    }

    /// <summary>A field's label in the officer's language: the definition's own words, or the catalogue's text.</summary>
    private string Label(JsonObject field, string name) => FormTexts.IsOwn(field["label"])
        ? FormTexts.In(field["label"], System.Globalization.CultureInfo.CurrentUICulture.Name)!
        : texts[FormTexts.In(field["label"], FormTexts.English) ?? name];

    /// <summary>The form fields as JSON values of their types; an unreadable value is an error on its field.</summary>
    private JsonObject ReadData()
    {
        var data = new JsonObject();
        foreach (var field in (Task.Form ?? []).OfType<JsonObject>())
        {
            var name = field["name"]?.GetValue<string>();
            if (name is null || !Values.TryGetValue(name, out var values))
                continue;
            var type = field["type"]?.GetValue<string>() ?? "text";
            var first = values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
            switch (type)
            {
                case "multiselect":
                    data[name] = new JsonArray(values.Where(v => v.Length > 0).Select(v => (JsonNode?)v).ToArray());
                    break;
                case "boolean":
                    data[name] = values.Contains("true");
                    break;
                case "json" when first is not null:
                    try
                    {
                        data[name] = JsonNode.Parse(first);
                    }
                    catch (JsonException)
                    {
                        Errors[name] = [texts["{0} must be JSON.", Label(field, name)]];
                    }
                    break;
                default:
                    if (first is not null)
                        data[name] = first;
                    break;
            }
        }
        return data;
    }
}
