namespace ExportTaxCheck.Engine.Activities;

/// <summary>Declares an activity type: its Elsa type name is <c>{Namespace}.{TypeName ?? class name}</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string @namespace, string category, string description) : Attribute
{
    public string Namespace { get; } = @namespace;
    public string Category { get; } = category;
    public string Description { get; } = description;
    public string? TypeName { get; init; }
    public string? DisplayName { get; init; }
    public ActivityKind Kind { get; init; } = ActivityKind.Action;
    public int Version { get; init; } = 1;
    public bool IsBrowsable { get; init; } = true;
    public bool IsStart { get; init; }
    public bool IsTerminal { get; init; }
}
