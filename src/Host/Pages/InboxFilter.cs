using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Host.Pages;

/// <summary>
/// The inbox's filter as the page keeps it in its URL (so a link shares it): the tab, then the names of
/// <see cref="TaskCriteria"/> (<c>q</c> for the search, as before). Builds the links of tabs, pages and the poll.
/// </summary>
public sealed class InboxFilter
{
    /// <summary>The filter fields of the page's form, in its order (the search box is <c>q</c>).</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["candidateRole", "activityType", "caseId", "dueFrom", "dueTo", "priorityMin", "assignee", "escalated", "sort", "q"];

    private readonly Dictionary<string, string> _values;

    public InboxFilter(string tab, IEnumerable<KeyValuePair<string, string?>> values)
    {
        Tab = tab;
        _values = values.Where(v => Fields.Contains(v.Key) && !string.IsNullOrWhiteSpace(v.Value))
            .ToDictionary(v => v.Key, v => v.Value!.Trim(), StringComparer.Ordinal);
    }

    public string Tab { get; }

    public string? this[string field] => _values.GetValueOrDefault(field);

    /// <summary>True when a field other than the sort and the search narrows the list (the filter panel opens).</summary>
    public bool Narrows => _values.Keys.Any(k => k is not "sort" and not "q");

    public bool IsEmpty => _values.Count == 0;

    /// <summary>The filter's values without the tab, as a query string (empty when none).</summary>
    public string Query => string.Join("&", Fields.Where(_values.ContainsKey).Select(f => f + "=" + Uri.EscapeDataString(_values[f])));

    /// <summary>The inbox at <paramref name="tab"/> (this one by default) and page <paramref name="page"/> with this filter.</summary>
    public string Link(string? tab = null, int page = 1) =>
        "/inbox?tab=" + (tab ?? Tab) + (Query.Length == 0 ? "" : "&" + Query) + (page > 1 ? "&p=" + page : "");

    /// <summary>What the filter's values mean to the engine (the tab's view is set by the caller).</summary>
    public TaskQuery Parse() => TaskCriteria.Parse(_values.GetValueOrDefault);

    /// <summary>The same filter for <c>GET /api/tasks</c>, counting only (the new-task poll).</summary>
    public string PollUrl(TaskInbox view) =>
        "/api/tasks?view=" + view.ToString().ToLowerInvariant() + "&pageSize=1"
        + string.Concat(Fields.Where(_values.ContainsKey).Select(f => "&" + (f == "q" ? "search" : f) + "=" + Uri.EscapeDataString(_values[f])));
}
