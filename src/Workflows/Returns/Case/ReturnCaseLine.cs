using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.Case;

/// <summary>§5.2: one returned line, with the original export snapshot and the refund snapshot attached by enrichment.</summary>
public sealed record ReturnCaseLine
{
    public required int LineNo { get; init; }
    public required ExportLineSnapshot Export { get; init; }
    public RefundSnapshot Refund { get; init; } = new();

    public required decimal ReturnedQty { get; init; }
    public required string ReturnUnitCode { get; init; }
    public required ReturnReason Reason { get; init; }

    /// <summary>A-05: used provisionally at screening.</summary>
    public DateOnly? PlannedEntryDate { get; init; }

    /// <summary>
    /// The China date the exporter stated the planned dates (at opening, or by a correction). A planned date on or before
    /// it was a fact when stated (the goods had entered); a later one is a plan until a declaration or the exporter's
    /// report of the entry confirms it (E-05/E-06 in time, <see cref="Intake.DeadlineRules"/>).
    /// </summary>
    public DateOnly? DatesStatedOn { get; init; }

    /// <summary>A-05: 进口日期 of the return declaration; re-evaluated at clearance.</summary>
    public DateOnly? ReturnEntryDate { get; init; }

    /// <summary>1210 only (E-06).</summary>
    public ReturnDestination Destination { get; init; } = ReturnDestination.DomesticNonZone;

    /// <summary>1210 only: the date re-entered goods were declared out of the area into 境内区外 (E-06 b).</summary>
    public DateOnly? ReturnIntoNonZoneDate { get; init; }

    /// <summary>E-12: the HS code and goods name of the return; null means "as exported".</summary>
    public string? ReturnHsCode { get; init; }
    public string? ReturnGoodsName { get; init; }

    /// <summary>E-03: the officer's food flag; overrides the HS list both ways. Null = no override.</summary>
    public bool? IsFoodOverride { get; init; }

    /// <summary>E-12: officer accepted an HS or goods-name difference (audited outside the domain).</summary>
    public bool HsDifferenceAccepted { get; init; }
    public bool GoodsNameDifferenceAccepted { get; init; }

    public OriginalStateFacts OriginalState { get; init; } = new();
    public OriginalStateDecision OriginalStateDecision { get; init; } = OriginalStateDecision.Pending;
    public IReadOnlyList<string> OriginalStateReasons { get; init; } = [];

    public decimal DeclaredCifForeign { get; init; }

    public MakeUpRecord? MakeUp { get; init; }
    public EligibilityResult? Eligibility { get; init; }

    public DateOnly? ClockStart => Eligibility?.ClockStart;
    public DateOnly? Deadline => Eligibility?.Deadline;

    /// <summary>A-05: the actual entry date once known, else the planned one.</summary>
    public DateOnly? EffectiveEntryDate => ReturnEntryDate ?? PlannedEntryDate;
}
