namespace ExportTaxCheck.Engine.Activities;

[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public bool IsBrowsable { get; init; } = true;
}
