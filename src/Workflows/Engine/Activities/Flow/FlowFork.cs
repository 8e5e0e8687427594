using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities.Flow;

[Activity("Elsa", "Branching", "Runs every branch at once.", DisplayName = "Fork")]
public sealed class FlowFork : Activity, IDynamicOutcomes
{
    [Input(Description = "A list of expected outcomes to handle.", UIHint = UIHints.DynamicOutcomes)]
    public Input<string> Branches { get; set; } = null!;

    public override IReadOnlyList<string>? GetOutcomes() => null;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var branches = SplitBranches(await context.GetAsync(Branches));
        // Without named branches the fork takes its Done port, as Elsa's does.
        return branches.Count == 0 ? Done() : Outcome([.. branches]);
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
