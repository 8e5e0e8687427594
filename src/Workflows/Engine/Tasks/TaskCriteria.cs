using System.Globalization;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// Reads an inbox filter from named text values (a query string, a saved filter): <c>view</c> (or <c>tab</c>),
/// <c>caseId</c>, <c>activityType</c>, <c>candidateRole</c>, <c>assignee</c>, <c>search</c> (or <c>q</c>),
/// <c>escalated</c> (true/false), <c>dueFrom</c>/<c>dueTo</c> (yyyy-MM-dd, Asia/Shanghai, both inclusive),
/// <c>priorityMin</c>/<c>priorityMax</c> (0–100) and <c>sort</c>. A value that does not parse is a 400 naming it.
/// </summary>
public static class TaskCriteria
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The names a filter is made of, in the order a saved filter keeps them.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["view", "candidateRole", "activityType", "caseId", "dueFrom", "dueTo", "priorityMin", "priorityMax", "assignee", "escalated", "search", "sort"];

    /// <summary>Parses the filter; <paramref name="view"/> is used when the values name none.</summary>
    public static TaskQuery Parse(Func<string, string?> get, TaskInbox view = TaskInbox.Available)
    {
        ArgumentNullException.ThrowIfNull(get);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var viewText = Text(get("view")) ?? Text(get("tab"));
        if (viewText is not null)
        {
            if (Enum.TryParse<TaskInbox>(viewText, ignoreCase: true, out var named) && Enum.IsDefined(named) && !int.TryParse(viewText, CultureInfo.InvariantCulture, out _))
                view = named;
            else
                errors["view"] = [$"Use one of {string.Join(", ", Enum.GetNames<TaskInbox>().Select(n => n.ToLowerInvariant()))}."];
        }
        var from = Date(get("dueFrom"), "dueFrom", errors);
        var to = Date(get("dueTo"), "dueTo", errors);
        if (from is not null && to is not null && to < from)
            errors["dueTo"] = ["The due range ends before it starts."];
        var min = Priority(get("priorityMin"), "priorityMin", errors);
        var max = Priority(get("priorityMax"), "priorityMax", errors);
        if (min is not null && max is not null && max < min)
            errors["priorityMax"] = ["The highest priority is below the lowest."];
        bool? escalated = null;
        if (Text(get("escalated")) is { } escalatedText)
        {
            if (bool.TryParse(escalatedText, out var flag))
                escalated = flag;
            else
                errors["escalated"] = ["Use true or false."];
        }
        var sort = Text(get("sort"))?.ToLowerInvariant() ?? "due";
        if (!TaskQuery.Sorts.Contains(sort))
            errors["sort"] = [$"Use one of {string.Join(", ", TaskQuery.Sorts)}."];
        if (errors.Count > 0)
            throw new InvalidRequestException("FILTER_INVALID", "The task filter has values that cannot be used: " + string.Join(", ", errors.Keys) + ".", errors);
        return new TaskQuery(view, Text(get("caseId")), Text(get("activityType")), Text(get("candidateRole")), Text(get("assignee")),
            Text(get("search")) ?? Text(get("q")), escalated, sort,
            DueFrom: from is { } f ? Midnight(f) : null, DueBefore: to is { } t ? Midnight(t.AddDays(1)) : null, PriorityMin: min, PriorityMax: max);
    }

    /// <summary>Midnight of <paramref name="date"/> in Asia/Shanghai.</summary>
    public static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), China);

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? Date(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (Text(value) is not { } text)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors[field] = ["Use a date yyyy-MM-dd."];
        return null;
    }

    private static int? Priority(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (Text(value) is not { } text)
            return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var priority) && priority is >= 0 and <= 100)
            return priority;
        errors[field] = ["Use a whole number from 0 to 100."];
        return null;
    }
}
