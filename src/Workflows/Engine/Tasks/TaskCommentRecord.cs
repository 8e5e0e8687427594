namespace ExportTaxCheck.Engine.Tasks;

public sealed class TaskCommentRecord
{
    public long Id { get; set; }
    public required string TaskId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Author { get; set; }
    public required string Text { get; set; }
}
