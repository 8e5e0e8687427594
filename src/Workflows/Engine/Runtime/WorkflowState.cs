using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Everything an instance needs to continue, stored as one JSON document on the instance row.
/// </summary>
public sealed class WorkflowState
{
    /// <summary>Variable values by variable name.</summary>
    public Dictionary<string, JsonNode?> Variables { get; set; } = new(StringComparer.Ordinal);

    public JsonObject Input { get; set; } = [];

    public JsonObject Output { get; set; } = [];

    /// <summary>Counter-based flow bookkeeping per running flowchart, keyed by the flowchart's execution id.</summary>
    public Dictionary<string, FlowScope> Scopes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Execution ids waiting to run, first in first out.</summary>
    public List<string> Queue { get; set; } = [];

    /// <summary>Executions not yet completed: scheduled, running or waiting on bookmarks.</summary>
    public Dictionary<string, ActivityExecution> Executions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last outputs of each activity, by activity id.</summary>
    public Dictionary<string, JsonObject> ActivityOutputs { get; set; } = new(StringComparer.Ordinal);

    public List<Incident> Incidents { get; set; } = [];

    public JsonObject Properties { get; set; } = [];

    public string? RootExecutionId { get; set; }

    public string? TriggerActivityId { get; set; }

    /// <summary>Ordering of journal records within the instance.</summary>
    public long Sequence { get; set; }

    /// <summary>Journal records the instance has written, for <see cref="RuntimeOptions.MaxJournalRecords"/>.</summary>
    public long JournalRecords { get; set; }

    /// <summary>The start of the minute <see cref="StepsInWindow"/> counts, for <see cref="RuntimeOptions.MaxStepsPerMinute"/>.</summary>
    public DateTimeOffset? StepWindowStart { get; set; }

    public int StepsInWindow { get; set; }

    /// <summary>The number of the last journal event logged (<see cref="ExecutionLogRecord.Sequence"/>).</summary>
    public long LogSequence { get; set; }
}
