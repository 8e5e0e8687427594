namespace ExportTaxCheck.Returns.Intake;

/// <summary>Stage 3 result per line: outcome, every failing code, and the derived policy version, clock start and deadline.</summary>
public sealed record EligibilityResult
{
    public required EligibilityOutcome Outcome { get; init; }

    /// <summary>Codes that make the line ineligible (all that apply).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Codes that need an officer's decision (food review list, HS or name difference, data gaps).</summary>
    public IReadOnlyList<string> ReviewReasons { get; init; } = [];

    public string? PolicyVersionId { get; init; }
    public DateOnly? ClockStart { get; init; }
    public DateOnly? Deadline { get; init; }

    /// <summary>E-03 classification after the officer override, null when the HS list asks for review.</summary>
    public bool? IsFood { get; init; }

    /// <summary>E-11: what may still be returned on the export line after this line (AS-03).</summary>
    public decimal RemainingReturnableQty { get; init; }

    public IEnumerable<string> AllCodes => Reasons.Concat(ReviewReasons);
}
