using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Flow;
using ExportTaxCheck.Engine.Expressions;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>
/// Structural and per-activity checks run before a definition is saved as published or executed. What the engine cannot
/// run as Elsa would is refused here, naming the activity and the property, rather than run another way.
/// </summary>
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

        ValidateVariables(model, errors);
        ValidateExecutionMode(model, errors);
        if (LogPersistence.UsesExpressions(model.CustomProperties))
            errors.Add(new("LogPersistenceExpressionNotSupported",
                "The workflow's customProperties.logPersistenceConfig computes a log persistence mode with an expression; this engine takes Include, Exclude or Inherit only."));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ValidateNode(model, model.Root, seen, new HashSet<string>(StringComparer.Ordinal), errors);
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

    /// <summary>The definition's flowchart mode, and merge modes it would run without (a counter-based choice ignores them).</summary>
    private static void ValidateExecutionMode(WorkflowDefinitionModel model, List<ValidationError> errors)
    {
        var chosen = model.CustomProperties?[FlowchartModes.PropertyKey];
        if (FlowchartModes.IsInvalid(chosen))
        {
            errors.Add(new("InvalidExecutionMode", $"customProperties['{FlowchartModes.PropertyKey}'] is {chosen!.ToJsonString()}; use TokenBased, CounterBased or Default."));
            return;
        }

        if (FlowchartModes.Parse(chosen) == FlowchartExecutionMode.CounterBased && FlowchartModes.FirstMergeMode(model.Root!) is { } merge)
            errors.Add(new("MergeModeNeedsTokenFlow",
                $"Activity '{merge.Node.Id}' ({merge.Node.Type}) sets customProperties.mergeMode '{merge.Value}', which only token-based flowcharts honour, but the definition chooses CounterBased (customProperties['{FlowchartModes.PropertyKey}']).",
                merge.Node.Id));
    }

    private void ValidateNode(WorkflowDefinitionModel model, ActivityNode node, HashSet<string> seen, IReadOnlySet<string> scoped, List<ValidationError> errors)
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

        if (FlowchartModes.MergeModeOf(node) is null)
            errors.Add(new("InvalidMergeMode",
                $"Activity '{node.Id}' ({node.Type}) sets customProperties.mergeMode to {node.CustomProperties![FlowchartModes.MergeModeProperty]!.ToJsonString()}, which is not one of {string.Join(", ", Enum.GetNames<MergeMode>())}.",
                node.Id));

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

        var context = new ActivityValidationContext(model, node, descriptor) { MinimumTimerInterval = runtime.Value.MinimumTimerInterval, ScopedVariables = scoped };
        foreach (var input in activity.Inputs)
        {
            if (input.Expression is { } expression && evaluator.Validate(expression, input.ValueType, context.HasVariable) is { } problem)
                errors.Add(new("InvalidExpression", $"Activity '{node.Id}' ({node.Type}), input '{input.Name}': {problem}", node.Id));
        }

        if (node.CustomProperties?["resilienceStrategy"] is { } strategy && strategy is not JsonValue { } && strategy.GetValueKind() != JsonValueKind.Null)
            errors.Add(new("ResilienceStrategyNotSupported",
                $"Activity '{node.Id}' ({node.Type}) sets customProperties.resilienceStrategy, which names a resilience strategy configured on an Elsa server; this engine has none. Use customProperties.retryPolicy {{ maxAttempts, initialInterval, backoffCoefficient, maximumInterval }}: its retries wait on durable timers.",
                node.Id));

        if (LogPersistence.UsesExpressions(node.CustomProperties))
            errors.Add(new("LogPersistenceExpressionNotSupported",
                $"Activity '{node.Id}' ({node.Type}) computes a log persistence mode with an expression in customProperties.logPersistenceConfig; this engine takes Include, Exclude or Inherit only.",
                node.Id));

        if (RetryPolicies.Validate(node.CustomProperties) is { } retryProblem)
            errors.Add(new("InvalidRetryPolicy", $"Activity '{node.Id}': {retryProblem}", node.Id));

        errors.AddRange(activity.Validate(context));
        ValidateTrigger(model, node, activity, errors);

        var inner = new HashSet<string>(scoped, StringComparer.Ordinal);
        inner.UnionWith(DeclaredVariables(node));
        inner.UnionWith(activity.ScopeVariables);
        if (node.IsFlowchart)
        {
            ValidateFlowchart(model, node, seen, inner, errors);
            return;
        }

        foreach (var child in activity.GetChildren())
            ValidateNode(model, child, seen, inner, errors);
    }

    /// <summary>
    /// A trigger that starts the workflow is indexed when the definition is published, from its literal inputs (path,
    /// event name, interval, cron expression). Elsa evaluates expressions there too; this engine does not, so a trigger
    /// whose inputs are expressions is refused rather than published without a trigger.
    /// </summary>
    private static void ValidateTrigger(WorkflowDefinitionModel model, ActivityNode node, Activity activity, List<ValidationError> errors)
    {
        if (activity is not ITriggerActivity trigger || !node.GetCanStartWorkflow()
            || trigger.GetTriggers(new TriggerContext(DateTimeOffset.UnixEpoch, model.DefinitionId, model.Id ?? "")).Any())
            return;
        foreach (var input in activity.Inputs.Where(i => i.Expression is { Type: not ("Literal" or "Object" or "Json") }))
            errors.Add(new("TriggerInputNotLiteral",
                $"Activity '{node.Id}' ({node.Type}) starts the workflow, but its input '{input.Name}' is a {input.Expression!.Type} expression; a trigger's inputs must be literal values here, because triggers are indexed when the definition is published.",
                node.Id));
    }

    private static IEnumerable<string> DeclaredVariables(ActivityNode node)
    {
        if (node.GetProperty("variables") is not JsonArray declared)
            return [];
        try
        {
            return declared.Deserialize<List<VariableDefinition>>(WorkflowJson.Options)?.Select(v => v.Name).Where(n => n.Length > 0) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private void ValidateFlowchart(WorkflowDefinitionModel model, ActivityNode flowchart, HashSet<string> seen, IReadOnlySet<string> scoped, List<ValidationError> errors)
    {
        var children = flowchart.Activities ?? [];
        var byId = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            ValidateNode(model, child, seen, scoped, errors);
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

        var legacyStart = flowchart.GetProperty("start")?.GetValueKind() == JsonValueKind.String
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
