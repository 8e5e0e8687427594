namespace ExportTaxCheck.Returns.Intake;

/// <summary>E-05/E-06 result: the derived dates plus failing (<see cref="Reasons"/>) or review codes.</summary>
public sealed record ReturnWindowCheck
{
    public DateOnly? ClockStart { get; init; }
    public DateOnly? Deadline { get; init; }
    public DateOnly? EndEvent { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public IReadOnlyList<string> ReviewReasons { get; init; } = [];
    public bool Passed => Reasons.Count == 0 && ReviewReasons.Count == 0;
}
