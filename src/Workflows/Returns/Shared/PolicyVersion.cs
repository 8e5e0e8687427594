namespace ExportTaxCheck.Returns.Shared;

/// <summary>One row of the versioned policy table (§3.1).</summary>
public sealed record PolicyVersion
{
    public required string Id { get; init; }
    public required string Instrument { get; init; }
    public required DateOnly IssuedOn { get; init; }

    /// <summary>Export-declaration window, both bounds inclusive (E-01).</summary>
    public required DateOnly WindowStart { get; init; }
    public required DateOnly WindowEnd { get; init; }

    public required IReadOnlyList<string> EligibleCodes { get; init; }
    public int ReturnLimitMonths { get; init; } = 6;
    public bool ExcludesFood { get; init; } = true;
    public ClockStartRule ClockStartRule { get; init; } = ClockStartRule.ExportDateOrAreaExitFor1210;

    /// <summary>The version takes part in selection only for evaluations on or after this date.</summary>
    public required DateOnly EffectiveFromEvaluationDate { get; init; }

    public bool Covers(DateOnly declarationDate) => WindowStart <= declarationDate && declarationDate <= WindowEnd;
}
