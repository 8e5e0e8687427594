using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>Bookmarks of work items completed by task id (RunTask, human tasks): one lookup serves them all.</summary>
public static class TaskBookmarks
{
    public const string Kind = "Task";

    public static JsonObject Stimulus(string taskId) => new() { ["taskId"] = taskId };

    public static string Hash(string taskId) => BookmarkHash.Compute(Kind, Stimulus(taskId));

    public static BookmarkRequest Request(string activityType, string taskId, JsonObject payload, DateTimeOffset? dueAt = null) =>
        new(activityType, Stimulus(taskId), payload, dueAt, Kind: Kind);
}
