using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Workflows.Runtime;

/// <summary>Where an instance is. Elsa's API shows it as status (Running/Finished) plus sub-status.</summary>
public enum WorkflowStatus
{
    /// <summary>Work is scheduled and not yet run (dispatched, or left by a crash).</summary>
    Running,

    /// <summary>Every branch waits on a bookmark.</summary>
    Suspended,
    Finished,
    Faulted,
    Cancelled,
}

public enum ActivityStatus
{
    Scheduled,
    Running,
    Suspended,
    Completed,
    Faulted,
    Cancelled,
}

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
}

public sealed class ActivityExecution
{
    public string Id { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string ActivityType { get; set; } = "";

    /// <summary>The execution id of the flowchart this activity runs in; null for the root flowchart.</summary>
    public string? ScopeId { get; set; }

    public ActivityStatus Status { get; set; }
    public int Attempt { get; set; } = 1;

    /// <summary>The last attempt whose journal record exists (so later steps update rather than insert it).</summary>
    public int JournaledAttempt { get; set; }

    /// <summary>Scheduled through a loop-back connection: does not count as a fresh visit.</summary>
    public bool Backward { get; set; }

    public DateTimeOffset ScheduledAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public long Sequence { get; set; }

    /// <summary>Ids of the bookmarks this execution waits on.</summary>
    public List<string> BookmarkIds { get; set; } = [];

    /// <summary>Per-execution data an activity keeps between execute and resume (a task id, a transmission id).</summary>
    public JsonObject Properties { get; set; } = [];

    /// <summary>The retry timer when the last attempt failed.</summary>
    public string? RetryBookmarkId { get; set; }
}

/// <summary>
/// Visit counters of one flowchart run. A connection is "visited" when its source completed (followed or not);
/// joins compare inbound connection visits with their own visits, which lets loops run again.
/// </summary>
public sealed class FlowScope
{
    /// <summary>The activity this run of the flowchart started from; loops and joins are judged from it.</summary>
    public string StartActivityId { get; set; } = "";

    public Dictionary<string, long> ActivityVisits { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> ConnectionVisits { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, bool> ConnectionFollowed { get; set; } = new(StringComparer.Ordinal);

    public void VisitActivity(string activityId) => ActivityVisits[activityId] = ActivityVisits.GetValueOrDefault(activityId) + 1;

    public void VisitConnection(string key, bool followed)
    {
        ConnectionVisits[key] = ConnectionVisits.GetValueOrDefault(key) + 1;
        ConnectionFollowed[key] = followed;
    }

    public long Visits(string activityId) => ActivityVisits.GetValueOrDefault(activityId);

    public long ConnectionVisitCount(string key) => ConnectionVisits.GetValueOrDefault(key);

    public bool LastFollowed(string key) => ConnectionFollowed.GetValueOrDefault(key);
}

public sealed record Incident
{
    public required string ActivityId { get; init; }
    public required string ActivityType { get; init; }
    public required string Message { get; init; }
    public string? Code { get; init; }
    public string? ExceptionType { get; init; }
    public string? StackTrace { get; init; }
    public int Attempts { get; init; }
    public required DateTimeOffset Timestamp { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ActivityExecutionId { get; init; }
}
