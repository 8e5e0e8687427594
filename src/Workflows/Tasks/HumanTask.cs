using System.Text.Json.Nodes;
using ExportTaxCheck.Workflows.Activities;
using ExportTaxCheck.Workflows.Definitions;
using ExportTaxCheck.Workflows.Runtime;

namespace ExportTaxCheck.Workflows.Tasks;

/// <summary>
/// A task for a case officer. The flow waits until an officer completes it with one of its outcomes (its ports),
/// through <c>POST /elsa/api/tasks/{taskId}/complete</c> with <c>{ "result": { "outcome": "...", "data": {…}, "comment": "..." } }</c>.
/// </summary>
[Activity("ExportTaxCheck", "Human tasks", "A task for a case officer; the flow continues by the outcome the officer chooses.", DisplayName = "Human Task", Kind = ActivityKind.Task)]
public sealed class HumanTask : Activity, IDynamicOutcomes
{
    [Input(Description = "What the officer sees in the inbox (Liquid allowed).", Order = 1)]
    public Input<string> Title { get; set; } = null!;

    [Input(Description = "What to check and decide.", UIHint = UIHints.MultiLine, Order = 2)]
    public Input<string> Description { get; set; } = null!;

    [Input(Description = "The role whose officers may take the task.", Options = ["TaxOfficer", "CustomsOfficer", "Supervisor"], DefaultValue = "TaxOfficer", Order = 3)]
    public Input<string> CandidateRole { get; set; } = null!;

    [Input(Description = "The outcomes the officer can choose; each is a port of this activity.", UIHint = UIHints.DynamicOutcomes, DefaultSyntax = "Object", Order = 4)]
    public Input<List<string>> Outcomes { get; set; } = null!;

    [Input(Description = "Time allowed to complete the task (d.hh:mm:ss); empty for none.", Order = 5)]
    public Input<TimeSpan?> DueIn { get; set; } = null!;

    [Input(Description = "Priority, 0 (low) to 100 (urgent).", DefaultValue = 50, Order = 6)]
    public Input<int> Priority { get; set; } = null!;

    [Input(Description = "Form fields the officer fills: [{ name, label, type, required, options }].", UIHint = UIHints.JsonEditor, IsWrapped = false, Order = 7)]
    public JsonArray? Form { get; set; }

    [Output(Description = "The outcome and data the officer submitted.")]
    public Output<object> Result { get; set; } = null!;

    /// <summary>The ports are the outcomes written in the definition (they must be known before the flow runs).</summary>
    public override IReadOnlyList<string> GetOutcomes() => StaticInputs.StringList(Outcomes) is { Count: > 0 } outcomes ? outcomes : ["Done"];

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var taskId = Ids.New();
        var title = await context.GetAsync(Title);
        var role = await context.GetAsync(CandidateRole) ?? "TaxOfficer";
        var dueIn = await context.GetAsync(DueIn);
        var record = new HumanTaskRecord
        {
            Id = taskId,
            InstanceId = context.InstanceId,
            ActivityId = Id,
            ActivityExecutionId = context.Execution.Id,
            Title = string.IsNullOrWhiteSpace(title) ? Node.GetDisplayText() : title,
            Description = await context.GetAsync(Description),
            CorrelationId = context.CorrelationId,
            CandidateRole = role,
            Status = HumanTaskStatus.Open,
            Priority = Math.Clamp(await context.GetAsync(Priority), 0, 100),
            CreatedAt = context.Now,
            DueAt = dueIn is { } span && span > TimeSpan.Zero ? context.Now + span : null,
            Outcomes = new JsonArray(GetOutcomes().Select(o => (JsonNode?)o).ToArray()).ToJsonString(),
            Form = Form?.ToJsonString(),
        };
        context.Db.Add(record);
        context.Execution.Properties["taskId"] = taskId;
        context.CreateBookmark(TaskBookmarks.Request(Node.Type, taskId, new JsonObject
        {
            ["taskId"] = taskId,
            ["title"] = record.Title,
            ["candidateRole"] = role,
            ["outcomes"] = JsonNode.Parse(record.Outcomes),
        }));
        context.JournalData["taskId"] = taskId;
        context.JournalData["title"] = record.Title;
        return Suspend();
    }

    protected internal override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        var input = context.Resumption!.Input;
        var result = input["result"] as JsonObject ?? [];
        var outcome = result["outcome"] is JsonValue v && v.TryGetValue<string>(out var chosen) ? chosen : GetOutcomes().Count == 1 ? GetOutcomes()[0] : null;
        var allowed = GetOutcomes();
        if (outcome is null || !allowed.Contains(outcome, StringComparer.Ordinal))
            throw new InvalidRequestException("OUTCOME_INVALID", $"Choose one of the outcomes: {string.Join(", ", allowed)}.");

        var taskId = context.Resumption.Payload["taskId"]!.GetValue<string>();
        var record = await context.Db.Set<HumanTaskRecord>().FindAsync([taskId], context.CancellationToken)
                     ?? throw new InvalidOperationException($"Task row '{taskId}' is missing.");
        record.Status = HumanTaskStatus.Completed;
        record.Outcome = outcome;
        record.Result = (result["data"] as JsonObject)?.ToJsonString();
        record.Comment = result["comment"] is JsonValue c && c.TryGetValue<string>(out var comment) ? comment : null;
        record.CompletedBy = result["completedBy"] is JsonValue u && u.TryGetValue<string>(out var user) ? user : record.Assignee;
        record.CompletedAt = context.Now;
        record.Revision++;

        context.SetOutput(Result, result.DeepClone());
        context.JournalData["outcome"] = outcome;
        if (record.CompletedBy is not null)
            context.JournalData["completedBy"] = record.CompletedBy;
        return Outcome(outcome);
    }

    protected internal override async ValueTask OnCancelledAsync(ActivityContext context)
    {
        if (context.Execution.Properties["taskId"] is not JsonValue id)
            return;
        var record = await context.Db.Set<HumanTaskRecord>().FindAsync([id.GetValue<string>()], context.CancellationToken);
        if (record is null || record.Status is HumanTaskStatus.Completed or HumanTaskStatus.Cancelled)
            return;
        record.Status = HumanTaskStatus.Cancelled;
        record.CompletedAt = context.Now;
        record.Revision++;
    }

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context)
    {
        if (Outcomes.Expression is { } expression && StaticInputs.StringList(Outcomes) is null)
        {
            yield return new("InvalidOutcome", $"Human task '{Id}' must list its outcomes as a JSON array (they are its ports), not as a {expression.Type} expression.", Id);
            yield break;
        }

        var outcomes = StaticInputs.StringList(Outcomes) ?? [];
        if (outcomes.Any(string.IsNullOrWhiteSpace))
            yield return new("InvalidOutcome", $"Human task '{Id}' has an empty outcome.", Id);
        if (outcomes.Count != outcomes.Distinct(StringComparer.Ordinal).Count())
            yield return new("DuplicateOutcome", $"Human task '{Id}' lists an outcome twice.", Id);
    }
}
