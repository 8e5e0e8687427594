namespace ExportTaxCheck.Host.Pages;

/// <summary>The officer workspace's settings (section <c>Workspace</c>).</summary>
public sealed class WorkspaceOptions
{
    /// <summary>A task due within this time is marked "due soon" (24 hours unless configured).</summary>
    public TimeSpan DueSoon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The state of a task due at <paramref name="dueAt"/> at <paramref name="now"/>; an inactive or held task has none.</summary>
    public DueState Classify(DateTimeOffset? dueAt, bool active, bool held, DateTimeOffset now) =>
        dueAt is not { } due || !active || held ? DueState.None
        : due <= now ? DueState.Past
        : due - now <= DueSoon ? DueState.Near
        : DueState.Far;
}
