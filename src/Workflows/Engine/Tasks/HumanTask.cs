namespace ExportTaxCheck.Engine.Tasks;

/// <summary>A generic task whose outcomes and form the analyst writes in the definition.</summary>
[Activity("ExportTaxCheck", "Human tasks", "A task for a case officer; the flow continues by the outcome the officer chooses.", DisplayName = "Human Task", Kind = ActivityKind.Task)]
public sealed class HumanTask : HumanTaskActivity, IDynamicOutcomes
{
    [Input(Description = "The outcomes the officer can choose; each is a port of this activity.", UIHint = UIHints.DynamicOutcomes, DefaultSyntax = "Object", Order = 4)]
    public Input<List<string>> Outcomes { get; set; } = null!;

    public override IReadOnlyList<string> GetOfficerOutcomes() => StaticInputs.StringList(Outcomes) is { Count: > 0 } outcomes ? outcomes : ["Done"];

    /// <summary>The ports are the outcomes written in the definition (they must be known before the flow runs).</summary>
    public override IReadOnlyList<string> GetOutcomes() => GetOfficerOutcomes();

    public override IEnumerable<ValidationError> Validate(ActivityValidationContext context)
    {
        foreach (var error in base.Validate(context))
            yield return error;
        if (Outcomes.Expression is { } expression && StaticInputs.StringList(Outcomes) is null)
        {
            yield return new("InvalidOutcome", $"Human task '{Id}' must list its outcomes as a JSON array (they are its ports), not as a {expression.Type} expression.", Id);
            yield break;
        }

        var outcomes = StaticInputs.StringList(Outcomes) ?? [];
        if (outcomes.Any(string.IsNullOrWhiteSpace))
            yield return new("InvalidOutcome", $"Human task '{Id}' has an empty outcome.", Id);
        if (outcomes.Count != outcomes.Distinct(StringComparer.Ordinal).Count())
            yield return new("DuplicateOutcome", $"Human task '{Id}' lists an outcome twice.", Id);
    }
}
