namespace ExportTaxCheck.Host.Clock;

/// <summary><c>POST /api/clock/set { "to": "2026-09-01T09:00:00+08:00" }</c>: an instant with its offset, later than now.</summary>
public sealed record ClockSetRequest(DateTimeOffset To);
