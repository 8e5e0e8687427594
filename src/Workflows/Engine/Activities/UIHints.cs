namespace ExportTaxCheck.Engine.Activities;

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
    public const string MultiText = "multitext";
    public const string DateTimePicker = "datetime-picker";
    public const string TypePicker = "type-picker";
    public const string WorkflowDefinitionPicker = "workflow-definition-picker";
    public const string RadioList = "radiolist";
    public const string CheckList = "checklist";
}
