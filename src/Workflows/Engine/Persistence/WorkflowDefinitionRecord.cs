namespace ExportTaxCheck.Engine.Persistence;

/// <summary>One version of a workflow definition; <see cref="Data"/> is the Elsa JSON.</summary>
public sealed class WorkflowDefinitionRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public bool IsSystem { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string Data { get; set; }

    /// <summary>Hash of the definition's content without its identity fields, to tell a changed import from an unchanged one.</summary>
    public required string ContentHash { get; set; }

    /// <summary>Bumped on every write; a concurrent save of the same draft fails instead of losing one of the two.</summary>
    public long Revision { get; set; }
}
