namespace ExportTaxCheck.Engine.Tasks;

/// <summary>A notice for an officer (or everyone in a role): reminders, escalations, assignments.</summary>
public sealed class OfficerNotificationRecord
{
    public long Id { get; set; }
    public string? Recipient { get; set; }
    public string? RecipientRole { get; set; }
    public required string TaskId { get; set; }
    public string? CaseId { get; set; }
    public required string Kind { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
