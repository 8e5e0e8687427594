namespace ExportTaxCheck.Engine.Tasks;

/// <summary>An inbox filter an officer saved under a name: the query string of the inbox (<see cref="TaskCriteria"/>).</summary>
public sealed class TaskFilterRecord
{
    public long Id { get; set; }
    public required string Owner { get; set; }
    public required string Name { get; set; }
    public required string Query { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
