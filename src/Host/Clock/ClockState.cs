namespace ExportTaxCheck.Host.Clock;

/// <summary>
/// The clock as the API shows it: the time every page, e-mail and answer uses, the offset from the real time (ISO 8601
/// duration), and after a move what ran and what is still due.
/// </summary>
public sealed record ClockState(DateTimeOffset Now, string NowChina, string Offset, bool Simulated, int? WorkRan = null, int? StillDue = null);
