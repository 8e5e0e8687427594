using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

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
