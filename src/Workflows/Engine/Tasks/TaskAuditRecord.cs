namespace ExportTaxCheck.Engine.Tasks;

/// <summary>One line of a task's audit trail: who did what, when.</summary>
public sealed class TaskAuditRecord
{
    public long Id { get; set; }
    public required string TaskId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The user, or <c>system</c> for the engine and its timers.</summary>
    public required string Actor { get; set; }

    public required string Action { get; set; }
    public string? Detail { get; set; }
}
