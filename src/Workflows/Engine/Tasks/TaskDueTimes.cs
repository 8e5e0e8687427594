using System.Globalization;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>Reads a due time: ISO 8601 with its offset, or a local time without one (yyyy-MM-ddTHH:mm, yyyy-MM-dd) read in Asia/Shanghai.</summary>
public static class TaskDueTimes
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    public static DateTimeOffset Parse(string? text, string field)
    {
        var value = text?.Trim();
        if (!string.IsNullOrEmpty(value))
        {
            if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return new DateTimeOffset(local, TaskCriteria.China);
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && HasOffset(value))
                return instant;
        }
        throw new InvalidRequestException("DATE_INVALID", $"{field} must be a time such as 2026-12-20T17:00+08:00 (or 2026-12-20T17:00, read as Asia/Shanghai).",
            new Dictionary<string, string[]> { [field] = ["Use yyyy-MM-ddTHH:mm."] });
    }

    private static bool HasOffset(string value) => value.EndsWith('Z') || value.EndsWith('z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T', StringComparison.Ordinal) && value.Contains('T', StringComparison.Ordinal);
}
