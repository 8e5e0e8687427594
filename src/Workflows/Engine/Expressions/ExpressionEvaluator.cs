using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Expressions;

/// <summary>Evaluates Elsa expressions: Literal, Variable, JavaScript (Jint), Liquid (Fluid), Object/Json.</summary>
public sealed class ExpressionEvaluator(JavaScriptEvaluator javaScript, LiquidEvaluator liquid)
{
    public static readonly IReadOnlyList<string> SupportedTypes = ["Literal", "Variable", "JavaScript", "Liquid", "Object", "Json"];

    public async ValueTask<object?> EvaluateAsync(ExpressionModel? expression, Type targetType, IExpressionScope scope, CancellationToken cancellationToken)
    {
        if (expression is null)
            return ValueConverter.Convert(null, targetType);

        switch (expression.Type)
        {
            case "Literal":
                return ConvertLiteral(expression.Value, targetType);
            case "Variable":
                var name = VariableReference(expression.Value)
                           ?? throw new ExpressionException("A Variable expression must name a variable.");
                if (!scope.HasVariable(name))
                    throw new ExpressionException($"Variable '{name}' is not declared in this workflow.");
                return ValueConverter.Convert(scope.GetVariable(name), targetType);
            case "JavaScript":
                var script = expression.Text;
                if (string.IsNullOrWhiteSpace(script))
                    return ValueConverter.Convert(null, targetType);
                return ValueConverter.Convert(await javaScript.EvaluateAsync(script, scope, cancellationToken), targetType);
            case "Liquid":
                var template = expression.Text;
                if (template is null)
                    return ValueConverter.Convert(null, targetType);
                var rendered = await liquid.RenderAsync(template, LiquidEvaluator.CreateModel(scope), cancellationToken);
                return targetType == typeof(string) || targetType == typeof(object) ? rendered : ValueConverter.Parse(rendered, Nullable.GetUnderlyingType(targetType) ?? targetType);
            case "Object":
            case "Json":
                var json = expression.Value is JsonValue v && v.TryGetValue<string>(out var text) ? ParseJson(text) : expression.Value;
                return ValueConverter.Convert(json, targetType);
            default:
                throw new ExpressionException($"Expression type '{expression.Type}' is not supported; use one of {string.Join(", ", SupportedTypes)}.");
        }
    }

    /// <summary>A definition-time check of one input's expression; null when it is fine.</summary>
    public string? Validate(ExpressionModel expression, Type targetType, Func<string, bool> variableExists)
    {
        try
        {
            switch (expression.Type)
            {
                case "Literal":
                    ConvertLiteral(expression.Value, targetType);
                    return null;
                case "Variable":
                    var name = VariableReference(expression.Value);
                    return name is null ? "The Variable expression names no variable."
                        : variableExists(name) ? null : $"Variable '{name}' is not declared in this workflow.";
                case "JavaScript":
                    return string.IsNullOrWhiteSpace(expression.Text) ? null : javaScript.CheckSyntax(expression.Text);
                case "Liquid":
                    return expression.Text is null ? null : liquid.CheckSyntax(expression.Text);
                case "Object":
                case "Json":
                    if (expression.Value is JsonValue v && v.TryGetValue<string>(out var text))
                        ParseJson(text);
                    return null;
                default:
                    return $"Expression type '{expression.Type}' is not supported; use one of {string.Join(", ", SupportedTypes)}.";
            }
        }
        catch (ExpressionException ex)
        {
            return ex.Message;
        }
    }

    private static object? ConvertLiteral(JsonNode? value, Type targetType)
    {
        var target = Nullable.GetUnderlyingType(targetType) ?? targetType;
        // Studio writes an empty string for an input the analyst left blank.
        if (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0 && target != typeof(string))
            return ValueConverter.Convert(null, targetType);
        return ValueConverter.Convert(value, targetType);
    }

    /// <summary>A variable named by id or name, a variable object, or (as Studio writes it) a JSON string of the object.</summary>
    private static string? VariableReference(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) && s.TrimStart().StartsWith('{') => VariableReference(TryParse(s)),
        JsonValue v when v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) => s,
        JsonObject o => (o["id"] ?? o["name"]) is JsonValue n && n.TryGetValue<string>(out var s) ? s : null,
        _ => null,
    };

    private static JsonNode? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? ParseJson(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new ExpressionException($"The Object expression is not valid JSON: {ex.Message}", ex);
        }
    }
}
