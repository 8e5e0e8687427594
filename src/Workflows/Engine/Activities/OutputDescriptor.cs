namespace ExportTaxCheck.Engine.Activities;

public sealed record OutputDescriptor
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsSerializable { get; init; } = true;
    public bool IsSynthetic { get; init; }
}
