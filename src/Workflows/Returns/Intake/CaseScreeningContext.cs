namespace ExportTaxCheck.Returns.Intake;

/// <summary>Case-level screening input.</summary>
public sealed record CaseScreeningContext
{
    public required DateOnly EvaluationDate { get; init; }

    /// <summary>E-11: returned quantity per export line over earlier non-rejected cases (this case's own lines are added by the screener).</summary>
    public IReadOnlyDictionary<ExportLineKey, decimal> PreviouslyReturnedQty { get; init; } = new Dictionary<ExportLineKey, decimal>();

    public string? ReturnConsigneeUscc { get; init; }
}
