namespace ExportTaxCheck.Returns.Shared;

/// <summary>Dates of timestamps in China Standard Time (DOMAIN.md conventions: "the date of a timestamp is taken in UTC+8").</summary>
public static class ChinaTime
{
    public const string ZoneId = "Asia/Shanghai";

    public static TimeZoneInfo Zone { get; } = ResolveZone(ZoneId);

    public static DateOnly ToChinaDate(DateTimeOffset timestamp) => ToDate(timestamp, Zone);

    internal static DateOnly ToDate(DateTimeOffset timestamp, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timestamp, zone).DateTime);

    // China has had no daylight saving since 1991, so a fixed +08:00 zone is exact for every date this service sees.
    internal static TimeZoneInfo ResolveZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), "China Standard Time (fixed UTC+8)", "China Standard Time");
}
