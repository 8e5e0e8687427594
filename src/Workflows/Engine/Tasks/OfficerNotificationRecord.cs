namespace ExportTaxCheck.Engine.Tasks;

/// <summary>A notice for an officer (or everyone in a role): reminders, escalations, assignments.</summary>
public sealed class OfficerNotificationRecord
{
    public long Id { get; set; }
    public string? Recipient { get; set; }
    public string? RecipientRole { get; set; }
    public required string TaskId { get; set; }

    /// <summary>What the task is about (<see cref="Notifications.Reference"/>): its instance's correlation id as the module calls it.</summary>
    public string? ReferenceType { get; set; }

    public string? ReferenceId { get; set; }

    public required string Kind { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
