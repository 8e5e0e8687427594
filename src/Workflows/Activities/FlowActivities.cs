using System.Text.Json.Nodes;
using ExportTaxCheck.Workflows.Definitions;
using ExportTaxCheck.Workflows.Runtime;

namespace ExportTaxCheck.Workflows.Activities;

/// <summary>A set of activities and the connections between them. Runs its children; completes when none is left.</summary>
[Activity("Elsa", "Flow", "A flowchart is a collection of activities and connections between them.", IsBrowsable = false)]
public sealed class Flowchart : Activity
{
    // The interpreter runs containers itself; this is never called.
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(Done());
}

[Activity("Elsa", "Flow", "The starting point of the flowchart.", IsStart = true)]
public sealed class Start : Activity
{
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(Done());
}

[Activity("Elsa", "Flow", "Ends the flowchart it is in: other branches of that flowchart are cancelled.", IsTerminal = true)]
public sealed class End : Activity
{
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(new ActivityResult.CompleteContainer());
}

[Activity("Elsa", "Primitives", "Completes the workflow: every other branch is cancelled.", IsTerminal = true)]
public sealed class Finish : Activity
{
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(new ActivityResult.CompleteWorkflow());
}

[Activity("Elsa", "Primitives", "Faults the workflow with a code and a message.", IsTerminal = true)]
public sealed class Fault : Activity
{
    [Input(Description = "A code that identifies the fault.")]
    public Input<string> Code { get; set; } = null!;

    [Input(Description = "The category of the fault.")]
    public Input<string> Category { get; set; } = null!;

    [Input(Description = "What went wrong.", UIHint = UIHints.MultiLine)]
    public Input<string> Message { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var code = await context.GetAsync(Code);
        var message = await context.GetAsync(Message);
        throw new ActivityFaultException(code ?? "Fault", message ?? "The workflow faulted.", retryable: false, await context.GetAsync(Category));
    }
}

[Activity("Elsa", "Primitives", "Writes a line of text to the log and the journal.", DisplayName = "Write Line")]
public sealed class WriteLine : Activity
{
    [Input(Description = "The text to write.")]
    public Input<string> Text { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.WriteLine(await context.GetAsync(Text) ?? "");
        return Done();
    }
}

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

[Activity("Elsa", "Branching", "Takes the True or the False port depending on a condition.", DisplayName = "Decision")]
[Outcomes("True", "False")]
public sealed class FlowDecision : Activity
{
    [Input(Description = "The condition to evaluate.", UIHint = UIHints.SingleLine, DefaultSyntax = "JavaScript")]
    public Input<bool> Condition { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var result = await context.GetAsync(Condition);
        context.JournalData["condition"] = result;
        return Outcome(result ? "True" : "False");
    }
}

public enum FlowSwitchMode
{
    MatchFirst,
    MatchAny,
}

/// <summary>One case of a FlowSwitch: <c>{ label, condition: { type, value } }</c>.</summary>
public sealed class FlowSwitchCase
{
    public string Label { get; set; } = "";
    public JsonObject? Condition { get; set; }
}

[Activity("Elsa", "Branching", "Takes the port of the first (or every) case whose condition holds, else Default.", DisplayName = "Switch")]
public sealed class FlowSwitch : Activity, IDynamicOutcomes
{
    [Input(Description = "The cases to evaluate.", UIHint = UIHints.FlowSwitchEditor, IsWrapped = false)]
    public List<FlowSwitchCase>? Cases { get; set; }

    [Input(Description = "MatchFirst takes the first matching case; MatchAny takes every matching case.", DefaultValue = FlowSwitchMode.MatchFirst)]
    public Input<FlowSwitchMode> Mode { get; set; } = null!;

    public override IReadOnlyList<string> GetOutcomes() => [.. (Cases ?? []).Select(c => c.Label), "Default"];

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var mode = await context.GetAsync(Mode);
        var matched = new List<string>();
        foreach (var @case in Cases ?? [])
        {
            if (ExpressionOf(@case) is not { } expression)
                continue;
            if (await context.EvaluateAsync(expression, typeof(bool)) is true)
            {
                matched.Add(@case.Label);
                if (mode == FlowSwitchMode.MatchFirst)
                    break;
            }
        }

        if (matched.Count == 0)
            matched.Add("Default");
        context.JournalData["matched"] = new JsonArray(matched.Select(m => (JsonNode?)m).ToArray());
        return Outcome([.. matched]);
    }

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var @case in Cases ?? [])
        {
            if (string.IsNullOrWhiteSpace(@case.Label))
                yield return new("CaseWithoutLabel", $"A case of switch '{Id}' has no label.", Id);
            else if (!labels.Add(@case.Label))
                yield return new("DuplicateCase", $"Switch '{Id}' has two cases labelled '{@case.Label}'.", Id);
        }
    }

    private static ExpressionModel? ExpressionOf(FlowSwitchCase @case) =>
        @case.Condition is null ? null : ExpressionModel.FromInput(new JsonObject { ["expression"] = @case.Condition.DeepClone() });
}

[Activity("Elsa", "Branching", "Runs every branch at once.", DisplayName = "Fork")]
public sealed class FlowFork : Activity, IDynamicOutcomes
{
    [Input(Description = "The branch names, comma separated.", UIHint = UIHints.MultiText)]
    public Input<string> Branches { get; set; } = null!;

    public override IReadOnlyList<string>? GetOutcomes() => null;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var branches = SplitBranches(await context.GetAsync(Branches));
        // Without named branches, every connected port is a branch.
        if (branches.Count == 0)
            branches = context.ParentFlowchart?.Connections?
                .Where(c => c.Source.Activity == Id && c.Source.Port is not null)
                .Select(c => c.Source.Port!).Distinct().ToList() ?? [];
        return Outcome([.. branches]);
    }

    private static List<string> SplitBranches(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return [];
        var trimmed = raw.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(trimmed) is JsonArray array ? array.Select(n => n?.ToString() ?? "").Where(s => s.Length > 0).ToList() : [];
            }
            catch (System.Text.Json.JsonException)
            {
                return [];
            }
        }
        return trimmed.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}

public enum FlowJoinMode
{
    WaitAny,
    WaitAll,
    WaitAllActive,
}

[Activity("Elsa", "Branching", "Merges branches: WaitAny continues on the first arrival and cancels the others; WaitAll waits for every inbound branch; WaitAllActive for every activated one.", DisplayName = "Join")]
public sealed class FlowJoin : Activity
{
    [Input(Description = "WaitAny continues as soon as one inbound branch arrives; WaitAll once all have; WaitAllActive once all activated ones have.", DefaultValue = FlowJoinMode.WaitAny)]
    public Input<FlowJoinMode> Mode { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        await context.CancelInboundAncestorsAsync();
        return Done();
    }
}
