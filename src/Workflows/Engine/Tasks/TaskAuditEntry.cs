namespace ExportTaxCheck.Engine.Tasks;

public sealed record TaskAuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Detail);
