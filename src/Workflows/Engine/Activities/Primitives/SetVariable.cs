using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Primitives;

[Activity("Elsa", "Primitives", "Assigns a value to a workflow variable.", DisplayName = "Set Variable")]
public sealed class SetVariable : Activity
{
    [Input(Description = "The variable to assign.", UIHint = UIHints.VariablePicker, IsWrapped = false)]
    public JsonNode? Variable { get; set; }

    [Input(Description = "The value to assign.")]
    public Input<object> Value { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var variable = VariableReference() ?? throw new ActivityFaultException("VariableRequired", $"Activity '{Id}' names no variable to set.", retryable: false);
        var value = Value.Expression is null ? null : await context.EvaluateAsync(Value.Expression, typeof(object));
        context.SetVariable(variable, value);
        context.JournalData["variable"] = variable;
        return Done();
    }

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context)
    {
        var variable = VariableReference();
        if (variable is null)
            yield return new("VariableRequired", $"Activity '{Id}' (Set Variable) names no variable.", Id);
        else if (!context.HasVariable(variable))
            yield return new("UnknownVariable", $"Activity '{Id}' sets variable '{variable}', which the workflow does not declare.", Id);
    }

    private string? VariableReference() => Variable switch
    {
        JsonObject obj => (obj["name"] ?? obj["id"]) is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null,
        JsonValue value when value.TryGetValue<string>(out var s) && s.Length > 0 => s,
        _ => null,
    };
}
