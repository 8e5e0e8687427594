namespace ExportTaxCheck.Engine.Tasks;

/// <summary>One audit entry: <see cref="Detail"/> in English, <see cref="Data"/> the same as data when it was kept so (see <see cref="TaskAuditDetail"/>).</summary>
public sealed record TaskAuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Detail, TaskAuditDetail? Data = null);
