using System.Globalization;
using System.Text.Json;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// An audit entry's detail kept as data: an English format (<c>"to {0}"</c>, the key the workspace's catalogue translates)
/// and its arguments, stored as JSON in the detail column. An argument written <c>@Role.X</c> or <c>@Outcome.X</c> is a
/// word each language shows in its own terms. Details written before were plain English and are read as they are.
/// </summary>
public sealed record TaskAuditDetail(string Format, IReadOnlyList<string> Args)
{
    public static string Of(string format, params string[] args) => JsonSerializer.Serialize(new TaskAuditDetail(format, args));

    /// <summary>The detail as data, or null for a plain text detail (older entries) or none.</summary>
    public static TaskAuditDetail? Read(string? stored)
    {
        if (stored is null || !stored.StartsWith('{'))
            return null;
        try
        {
            return JsonSerializer.Deserialize<TaskAuditDetail>(stored) is { Format: not null, Args: not null } detail ? detail : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The detail in English, as the API shows it (a word argument without its <c>@Type.</c> prefix).</summary>
    public static string? English(string? stored) => Read(stored) is { } detail
        ? string.Format(CultureInfo.InvariantCulture, detail.Format, detail.Args.Select(a => (object)(a.StartsWith('@') ? a[(a.IndexOf('.', StringComparison.Ordinal) + 1)..] : a)).ToArray())
        : stored;
}
