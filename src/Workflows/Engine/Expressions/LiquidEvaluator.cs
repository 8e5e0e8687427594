using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using DotLiquid;
using DotLiquid.Exceptions;

namespace ExportTaxCheck.Engine.Expressions;

/// <summary>
/// Liquid templates (DotLiquid) for expressions and for notification templates. Parsed templates are cached;
/// rendering is bounded in loop iterations and errors are raised, not printed into the output.
/// </summary>
public sealed class LiquidEvaluator
{
    private const int MaxIterations = 10_000;
    private readonly ConcurrentDictionary<string, Template> _templates = new(StringComparer.Ordinal);

    public ValueTask<string> RenderAsync(string source, IDictionary<string, object?> model)
    {
        var template = Parse(source);
        var parameters = new RenderParameters(CultureInfo.InvariantCulture)
        {
            LocalVariables = Hash.FromDictionary(model),
            ErrorsOutputMode = ErrorsOutputMode.Rethrow,
            MaxIterations = MaxIterations,
        };
        try
        {
            return new ValueTask<string>(template.Render(parameters));
        }
        catch (Exception ex) when (ex is LiquidException or InvalidOperationException or System.ArgumentException or FormatException)
        {
            throw new ExpressionException($"Liquid error: {ex.Message}", ex);
        }
    }

    public string? CheckSyntax(string source)
    {
        try
        {
            Parse(source);
            return null;
        }
        catch (ExpressionException ex)
        {
            return ex.Message;
        }
    }

    private Template Parse(string source)
    {
        if (_templates.TryGetValue(source, out var template))
            return template;
        try
        {
            template = Template.Parse(source);
        }
        catch (LiquidException ex)
        {
            throw new ExpressionException($"Liquid syntax error: {ex.Message}", ex);
        }

        if (_templates.Count < 10_000)
            _templates.TryAdd(source, template);
        return template;
    }

    /// <summary>The model an expression sees: <c>Variables</c>, <c>Input</c>, <c>WorkflowInstanceId</c>, <c>CorrelationId</c>, <c>Workflow</c>.</summary>
    public static IDictionary<string, object?> CreateModel(IExpressionScope scope)
    {
        var variables = scope.VariableNames.ToDictionary(n => n, n => ToLiquid(ValueConverter.ToJson(scope.GetVariable(n))), StringComparer.Ordinal);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Variables"] = variables,
            ["Input"] = ToLiquid(scope.WorkflowInput),
            ["WorkflowInstanceId"] = scope.InstanceId,
            ["CorrelationId"] = scope.CorrelationId,
            ["Workflow"] = new Dictionary<string, object?>
            {
                ["Id"] = scope.InstanceId,
                ["DefinitionId"] = scope.DefinitionId,
                ["Version"] = scope.DefinitionVersion,
                ["CorrelationId"] = scope.CorrelationId,
                ["Name"] = scope.InstanceName,
            },
        };
    }

    /// <summary>JSON to the dictionaries, lists and scalars DotLiquid walks.</summary>
    public static object? ToLiquid(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToLiquid(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(ToLiquid).ToList(),
        _ => ValueConverter.ToPlain(node),
    };
}
