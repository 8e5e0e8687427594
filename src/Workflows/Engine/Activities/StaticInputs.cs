namespace ExportTaxCheck.Engine.Activities;

/// <summary>Reads inputs that must be known when a definition is published (trigger names and schedules).</summary>
internal static class StaticInputs
{
    public static string? Literal(IInput input) =>
        input.Expression is { Type: "Literal" } expression ? expression.Text : null;

    /// <summary>A list input written as a JSON array (Studio's Object expression, or a Literal holding the array text).</summary>
    public static List<string>? StringList(IInput input)
    {
        if (input.Expression is not { Type: "Object" or "Json" or "Literal" } expression)
            return null;
        var node = expression.Value is System.Text.Json.Nodes.JsonArray array ? array
            : expression.Text is { } text && text.TrimStart().StartsWith('[') ? System.Text.Json.Nodes.JsonNode.Parse(text) as System.Text.Json.Nodes.JsonArray
            : null;
        return node?.Select(n => n?.ToString() ?? "").ToList();
    }

    public static IEnumerable<ValidationError> RequireLiteral(IInput input, string activityId, string what)
    {
        if (input.Expression is null || (input.Expression.Type == "Literal" && string.IsNullOrWhiteSpace(input.Expression.Text)))
            yield return new("InputRequired", $"Activity '{activityId}' needs {what}.", activityId);
    }
}
