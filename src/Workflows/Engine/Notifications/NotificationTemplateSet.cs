namespace ExportTaxCheck.Engine.Notifications;

/// <summary>The texts of one notification's templates as they are on disk now: its three parts and the layout around the HTML.</summary>
public sealed record NotificationTemplateSet(string Subject, string Text, string Html, string? Layout)
{
    /// <summary>
    /// Whether a part or the layout has <paramref name="name"/> in it: a template reads a top-level value only by its
    /// name, so a model source can leave out a costly value that no template of the message reads.
    /// </summary>
    public bool Uses(string name) =>
        new[] { Subject, Text, Html, Layout ?? "" }.Any(t => t.Contains(name, StringComparison.Ordinal));
}
