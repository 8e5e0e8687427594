using System.Globalization;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Http;

/// <summary>
/// Sends an HTTP request in a flowchart (Elsa.FlowSendHttpRequest): the response takes the port of its status code when
/// that code is expected (else "Unmatched status code"), and Done as well; a connection failure takes "Failed to
/// connect", a timeout "Timeout".
/// </summary>
[Activity("Elsa", "HTTP", "Send an HTTP request.", DisplayName = "HTTP Request (flow)", Kind = ActivityKind.Task)]
public sealed class FlowSendHttpRequest : SendHttpRequestBase, IDynamicOutcomes
{
    [Input(Description = "A list of expected status codes to handle.", UIHint = UIHints.MultiText, DefaultSyntax = "Object", DefaultValue = "[200]", Order = 5)]
    public Input<object> ExpectedStatusCodes { get; set; } = null!;

    public override IReadOnlyList<string>? GetOutcomes() => null;

    protected override async ValueTask<ActivityResult> OnResponseAsync(ActivityContext context, int statusCode)
    {
        var expected = await ExpectedCodesAsync(context);
        var outcomes = new List<string>();
        if (expected.Count > 0)
            outcomes.Add(expected.Contains(statusCode) ? statusCode.ToString(CultureInfo.InvariantCulture) : "Unmatched status code");
        outcomes.Add("Done");
        return ActivityResult.Complete(outcomes);
    }

    protected override ValueTask<ActivityResult> OnFailedToConnectAsync(ActivityContext context) => new(Outcome("Failed to connect"));

    protected override ValueTask<ActivityResult> OnTimeoutAsync(ActivityContext context) => new(Outcome("Timeout"));

    /// <summary>The expected codes; none when the input is not set (Elsa's runtime default; Studio puts 200 in new nodes).</summary>
    private async ValueTask<List<int>> ExpectedCodesAsync(ActivityContext context)
    {
        if (ExpectedStatusCodes.Expression is null)
            return [];
        var value = Expressions.ValueConverter.ToJson(await context.GetAsync(ExpectedStatusCodes));
        var list = value switch
        {
            JsonArray array => array,
            JsonValue v when v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('[') => JsonNode.Parse(text) as JsonArray,
            JsonValue v when v.TryGetValue<string>(out var text) => new JsonArray(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => (JsonNode?)t).ToArray()),
            _ => null,
        };
        return (list ?? []).Select(n => int.TryParse(n?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : -1).Where(c => c > 0).ToList();
    }
}
