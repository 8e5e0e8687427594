namespace ExportTaxCheck.Engine.Runtime;

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

    /// <summary>Tokens of a token-based run (Elsa's token flow); null in a counter-based run.</summary>
    public List<FlowToken>? Tokens { get; set; }

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
