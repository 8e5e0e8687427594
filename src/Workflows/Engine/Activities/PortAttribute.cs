namespace ExportTaxCheck.Engine.Activities;

/// <summary>
/// An embedded port: a property holding a child activity (a loop's body, If's Then and Else). Studio shows it as a slot
/// on the node and embeds a flowchart there when the analyst opens it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PortAttribute : Attribute
{
    public string? DisplayName { get; init; }
    public bool IsBrowsable { get; init; } = true;
}
