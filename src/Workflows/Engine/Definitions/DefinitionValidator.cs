using ExportTaxCheck.Engine.Expressions;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>Structural and per-activity checks run before a definition is saved as published or executed.</summary>
public sealed class DefinitionValidator(ActivityRegistry registry, ExpressionEvaluator evaluator, IOptions<RuntimeOptions> runtime)
{
    public IReadOnlyList<ValidationError> Validate(WorkflowDefinitionModel model)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(model.DefinitionId))
            errors.Add(new("MissingDefinitionId", "The definition has no definitionId."));
        if (model.Root is null)
        {
            errors.Add(new("MissingRoot", "The definition has no root activity."));
            return errors;
        }

        if (!model.Root.IsContainer)
        {
            errors.Add(new("RootNotFlowchart", $"The root activity must be an Elsa.Flowchart with activities and connections, not '{model.Root.Type}'.", model.Root.Id));
            return errors;
        }

        ValidateVariables(model, errors);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ValidateNode(model, model.Root, seen, errors);
        return errors;
    }

    public void EnsureValid(WorkflowDefinitionModel model)
    {
        var errors = Validate(model);
        if (errors.Count > 0)
            throw new DefinitionValidationException(errors);
    }

    private static void ValidateVariables(WorkflowDefinitionModel model, List<ValidationError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in model.Variables ?? [])
        {
            if (string.IsNullOrWhiteSpace(variable.Name))
                errors.Add(new("VariableWithoutName", $"Variable '{variable.Id}' has no name."));
            else if (!names.Add(variable.Name))
                errors.Add(new("DuplicateVariable", $"Variable '{variable.Name}' is declared twice."));
        }
    }

    private void ValidateNode(WorkflowDefinitionModel model, ActivityNode node, HashSet<string> seen, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(node.Id))
            errors.Add(new("MissingActivityId", $"An activity of type '{node.Type}' has no id."));
        else if (!seen.Add(node.Id))
            errors.Add(new("DuplicateActivityId", $"Activity id '{node.Id}' is used more than once.", node.Id));

        if (string.IsNullOrWhiteSpace(node.Type))
        {
            errors.Add(new("MissingActivityType", $"Activity '{node.Id}' has no type.", node.Id));
            return;
        }

        if (!registry.TryGet(node.Type, out var descriptor))
        {
            errors.Add(new("UnknownActivityType", $"Activity '{node.Id}' has the unknown type '{node.Type}'.", node.Id));
            return;
        }

        Activity activity;
        try
        {
            activity = registry.Create(node);
        }
        catch (ActivityBindingException ex)
        {
            errors.Add(new("InvalidInput", ex.Message, node.Id));
            return;
        }

        var context = new ActivityValidationContext(model, node, descriptor) { MinimumTimerInterval = runtime.Value.MinimumTimerInterval };
        foreach (var input in activity.Inputs)
        {
            if (input.Expression is { } expression && evaluator.Validate(expression, input.ValueType, context.HasVariable) is { } problem)
                errors.Add(new("InvalidExpression", $"Activity '{node.Id}' ({node.Type}), input '{input.Name}': {problem}", node.Id));
        }

        if (RetryPolicies.Validate(node.CustomProperties) is { } retryProblem)
            errors.Add(new("InvalidRetryPolicy", $"Activity '{node.Id}': {retryProblem}", node.Id));

        errors.AddRange(activity.Validate(context));

        if (node.IsContainer)
            ValidateFlowchart(model, node, seen, errors);
    }

    private void ValidateFlowchart(WorkflowDefinitionModel model, ActivityNode flowchart, HashSet<string> seen, List<ValidationError> errors)
    {
        var children = flowchart.Activities ?? [];
        var byId = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            ValidateNode(model, child, seen, errors);
            if (!string.IsNullOrEmpty(child.Id))
                byId.TryAdd(child.Id, child);
        }

        var inbound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var connection in flowchart.Connections ?? [])
        {
            var source = connection.Source.Activity;
            var target = connection.Target.Activity;
            if (!byId.TryGetValue(source, out var sourceNode))
            {
                errors.Add(new("DanglingConnection", $"Connection {connection} starts at activity '{source}', which is not in flowchart '{flowchart.Id}'.", flowchart.Id));
                continue;
            }

            if (!byId.ContainsKey(target))
            {
                errors.Add(new("DanglingConnection", $"Connection {connection} ends at activity '{target}', which is not in flowchart '{flowchart.Id}'.", flowchart.Id));
                continue;
            }

            inbound.Add(target);
            if (string.IsNullOrEmpty(connection.Source.Port))
            {
                errors.Add(new("MissingPort", $"Connection {connection} has no source port.", source));
                continue;
            }

            if (registry.TryGet(sourceNode.Type, out _) && TryGetOutcomes(sourceNode) is { } outcomes
                && !outcomes.Contains(connection.Source.Port, StringComparer.Ordinal))
            {
                errors.Add(new("UnknownPort",
                    $"Connection {connection} leaves activity '{source}' ({sourceNode.Type}) by port '{connection.Source.Port}', which it does not have; its ports are: {string.Join(", ", outcomes)}.",
                    source));
            }
        }

        if (children.Count == 0)
            return;

        var legacyStart = flowchart.GetProperty("start")?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? flowchart.GetProperty("start")!.GetValue<string>()
            : null;
        if (legacyStart is not null && !byId.ContainsKey(legacyStart))
            errors.Add(new("UnknownStart", $"Flowchart '{flowchart.Id}' names start activity '{legacyStart}', which it does not contain.", flowchart.Id));

        var hasStart = legacyStart is not null
                       || children.Any(c => c.Type == "Elsa.Start" || c.GetCanStartWorkflow() || !inbound.Contains(c.Id));
        if (!hasStart)
            errors.Add(new("NoStart", $"Flowchart '{flowchart.Id}' has no start: add an Elsa.Start activity or leave one activity without inbound connections.", flowchart.Id));
    }

    private IReadOnlyList<string>? TryGetOutcomes(ActivityNode node)
    {
        try
        {
            return registry.Create(node).GetOutcomes();
        }
        catch (ActivityBindingException)
        {
            return null;
        }
    }
}
