namespace ExportTaxCheck.Engine.Activities;

/// <summary>The fixed outcome ports of an activity (default: <c>Done</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OutcomesAttribute(params string[] outcomes) : Attribute
{
    public IReadOnlyList<string> Outcomes { get; } = outcomes;
}
