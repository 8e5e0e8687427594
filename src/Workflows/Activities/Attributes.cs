namespace ExportTaxCheck.Workflows.Activities;

/// <summary>How Studio draws and the runtime treats an activity.</summary>
public enum ActivityKind
{
    Action,
    Trigger,
    Job,
    Task,
}

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

/// <summary>The fixed outcome ports of an activity (default: <c>Done</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OutcomesAttribute(params string[] outcomes) : Attribute
{
    public IReadOnlyList<string> Outcomes { get; } = outcomes;
}

/// <summary>The default retry policy of an activity type; a node overrides it with <c>customProperties.retryPolicy</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RetryAttribute(int maxAttempts) : Attribute
{
    public int MaxAttempts { get; } = maxAttempts;
    public string InitialInterval { get; init; } = "00:00:05";
    public double BackoffCoefficient { get; init; } = 2.0;
    public string MaximumInterval { get; init; } = "00:10:00";
}

/// <summary>Studio's input editors.</summary>
public static class UIHints
{
    public const string SingleLine = "singleline";
    public const string MultiLine = "multiline";
    public const string Checkbox = "checkbox";
    public const string DropDown = "dropdown";
    public const string CodeEditor = "code-editor";
    public const string VariablePicker = "variable-picker";
    public const string OutcomePicker = "outcome-picker";

    /// <summary>A list of outcome names that become the activity's ports (Studio's DynamicOutcomesPortProvider).</summary>
    public const string DynamicOutcomes = "dynamic-outcomes";
    public const string FlowSwitchEditor = "flow-switch-editor";
    public const string JsonEditor = "json-editor";
    public const string MultiText = "multi-text";
    public const string DateTimePicker = "datetime-picker";
    public const string TypePicker = "type-picker";
    public const string WorkflowDefinitionPicker = "workflow-definition-picker";
    public const string RadioList = "radio-list";
    public const string CheckList = "check-list";
}

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

[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public bool IsBrowsable { get; init; } = true;
}
