namespace ExportTaxCheck.Host.Clock;

/// <summary><c>POST /api/clock/advance { "by": "P16D" }</c>: an ISO 8601 duration.</summary>
public sealed record ClockAdvanceRequest(string By);
