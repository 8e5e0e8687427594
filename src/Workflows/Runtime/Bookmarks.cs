using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Workflows.Runtime;

/// <summary>What an activity asks for when it waits.</summary>
/// <param name="Name">The kind of wait, usually the activity type (<c>Elsa.Event</c>, <c>Elsa.RunTask</c>).</param>
/// <param name="Stimulus">What must arrive to resume it (event name, task id); hashed for lookup.</param>
/// <param name="Payload">Data kept with the bookmark and handed back on resume.</param>
/// <param name="DueAt">For timers: when the bookmark resumes by itself.</param>
/// <param name="CorrelationId">Overrides the instance's correlation id for event matching.</param>
/// <param name="Kind">What the hash is keyed on when several activity types answer the same stimulus (all tasks are completed by task id).</param>
public sealed record BookmarkRequest(string Name, JsonObject? Stimulus = null, JsonObject? Payload = null, DateTimeOffset? DueAt = null, string? CorrelationId = null, string? Kind = null);

/// <summary>Bookmarks of work items completed by task id (RunTask, human tasks): one lookup serves them all.</summary>
public static class TaskBookmarks
{
    public const string Kind = "Task";

    public static JsonObject Stimulus(string taskId) => new() { ["taskId"] = taskId };

    public static string Hash(string taskId) => BookmarkHash.Compute(Kind, Stimulus(taskId));

    public static BookmarkRequest Request(string activityType, string taskId, JsonObject payload, DateTimeOffset? dueAt = null) =>
        new(activityType, Stimulus(taskId), payload, dueAt, Kind: Kind);
}

/// <summary>What arrives when a bookmark is resumed.</summary>
public sealed record BookmarkResumption(string BookmarkId, string Name, JsonObject Payload, JsonObject Input);

/// <summary>A trigger a published definition offers: how new instances of it start.</summary>
public sealed record TriggerRequest(string Name, JsonObject? Stimulus = null, JsonObject? Payload = null, DateTimeOffset? FirstDueAt = null);

public sealed record TriggerContext(DateTimeOffset Now, string DefinitionId, string DefinitionVersionId);

public static class BookmarkHash
{
    /// <summary>A stable hash of a wait kind and its stimulus: property order in the stimulus does not matter.</summary>
    public static string Compute(string name, JsonObject? stimulus)
    {
        var builder = new StringBuilder(name);
        builder.Append('\n');
        if (stimulus is not null)
            AppendCanonical(builder, stimulus);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static void AppendCanonical(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                builder.Append('{');
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(key).Append(':');
                    AppendCanonical(builder, value);
                    builder.Append(',');
                }
                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                foreach (var item in array)
                {
                    AppendCanonical(builder, item);
                    builder.Append(',');
                }
                builder.Append(']');
                break;
            case null:
                builder.Append("null");
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }
}

public static class Ids
{
    /// <summary>Time-ordered ids keep the primary-key index append-mostly.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");
}
