using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>An input's expression: <c>{ "type": "Literal" | "Variable" | "JavaScript" | "Liquid" | "Object", "value": ... }</c>.</summary>
public sealed record ExpressionModel(string Type, JsonNode? Value, string? TypeName)
{
    public static ExpressionModel? FromInput(JsonNode? input)
    {
        if (input is JsonValue literal)
            return new ExpressionModel("Literal", literal.DeepClone(), null);
        if (input is not JsonObject obj)
            return null;
        var typeName = obj["typeName"] is JsonValue tn && tn.TryGetValue<string>(out var t) ? t : null;
        if (obj["expression"] is not JsonObject expression)
            return null;
        var type = expression["type"] is JsonValue et && et.TryGetValue<string>(out var s) ? s : "Literal";
        return new ExpressionModel(type, expression["value"], typeName);
    }

    /// <summary>The expression's value as written, for Literal/JavaScript/Liquid source text.</summary>
    public string? Text => Value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => Value.ToJsonString(),
    };
}
