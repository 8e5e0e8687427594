using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

public sealed class ActivityExecution
{
    public string Id { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string ActivityType { get; set; } = "";

    /// <summary>
    /// Elsa's node id (<c>Workflow1:{rootId}:{activityId}</c>), the graph's key: activity ids repeat across the flows a
    /// workflow-definition activity brings in. Null in states written before it existed (the activity id is then unique).
    /// </summary>
    public string? NodeId { get; set; }

    /// <summary>The execution id of the activity that scheduled this one (a flowchart, a loop, a sequence); null for the root.</summary>
    public string? ScopeId { get; set; }

    /// <summary>What the parent tagged this child with when it scheduled it (a parallel branch, a switch case).</summary>
    public string? Tag { get; set; }

    /// <summary>Variables declared on this execution (a loop's CurrentValue, a container's variables), seen by its descendants.</summary>
    public JsonObject? Variables { get; set; }

    public ActivityStatus Status { get; set; }
    public int Attempt { get; set; } = 1;

    /// <summary>The last attempt whose journal record exists (so later steps update rather than insert it).</summary>
    public int JournaledAttempt { get; set; }

    /// <summary>Runs children and waits for them (a flowchart, a loop): after a crash, its children are what is rerun, not it.</summary>
    public bool IsComposite { get; set; }

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
