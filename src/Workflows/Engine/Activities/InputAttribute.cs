namespace ExportTaxCheck.Engine.Activities;

[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string? UIHint { get; init; }
    public string? Category { get; init; }
    public object? DefaultValue { get; init; }
    public string DefaultSyntax { get; init; } = "Literal";
    public string[]? Options { get; init; }

    /// <summary>
    /// The name of <see cref="InputChoices"/> the engine was given (from configuration) for this input's options and
    /// default, for choices that belong to the deployment, not the code (a task's roles).
    /// </summary>
    public string? ChoicesFrom { get; init; }
    public int Order { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsReadOnly { get; init; }
    public bool IsSensitive { get; init; }

    /// <summary>
    /// False for properties stored as plain JSON instead of a wrapped <c>{ typeName, expression }</c> input
    /// (for example FlowSwitch <c>cases</c>).
    /// </summary>
    public bool IsWrapped { get; init; } = true;
}
