using System.Globalization;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.Intake;

public class EligibilityScreenerTests
{
    private static readonly EligibilityScreener Screener = new();

    private static EligibilityResult Screen(ReturnCaseLine line, DateOnly? evaluatedOn = null, decimal previouslyReturned = 0m) =>
        Screener.Screen(line, ScreeningContext.For(CaseOf(line), evaluatedOn ?? line.EffectiveEntryDate!.Value, previouslyReturned));

    private static DateOnly Parse(string value) => DateOnly.Parse(value, CultureInfo.InvariantCulture);

    [Fact]
    public void Screen_AS01Unsold9810_EligibleUnder2026VersionWithDeadline()
    {
        var result = Screen(Line());

        Assert.Equal(EligibilityOutcome.Eligible, result.Outcome);
        Assert.Empty(result.AllCodes);
        Assert.Equal("CBEC-RET-2026-16", result.PolicyVersionId);
        Assert.Equal(new DateOnly(2026, 3, 12), result.ClockStart);
        Assert.Equal(new DateOnly(2026, 9, 12), result.Deadline);
        Assert.Equal(1_500m, result.RemainingReturnableQty);
    }

    [Fact]
    public void Screen_AS03PartialReturn_Leaves750Returnable()
    {
        var line = Line(Export("9710", exportedQty: 1_000m), returnedQty: 250m, reason: ReturnReason.CustomerReturn);

        var result = Screen(line);

        Assert.Equal(EligibilityOutcome.Eligible, result.Outcome);
        Assert.Equal(750m, result.RemainingReturnableQty);
    }

    [Fact]
    public void Screen_E11MoreThanExportedOverCases_QtyExceedsExported()
    {
        var line = Line(Export("9710", exportedQty: 1_000m), returnedQty: 300m);

        var result = Screen(line, previouslyReturned: 750m);

        Assert.Equal(EligibilityOutcome.Ineligible, result.Outcome);
        Assert.Equal([ReasonCodes.QtyExceedsExported], result.Reasons);
        Assert.Equal(0m, result.RemainingReturnableQty);
    }

    [Fact]
    public void ScreenCase_E11Only_WaitsForTheExportersCorrection()
    {
        var over = Line(Export(exportedQty: 1_000m), returnedQty: 1_200m);

        var screening = Screener.ScreenCase(CaseOf(over), new CaseScreeningContext { EvaluationDate = over.EffectiveEntryDate!.Value });

        Assert.Equal(ReturnCaseStatus.CorrectionRequired, screening.NextStatus);
        Assert.Equal([1], screening.CorrectableLineNos);
        Assert.Empty(screening.SplitOffLineNos);
    }

    [Fact]
    public void ScreenCase_E11AndAnotherFailure_IsNotCorrectable()
    {
        var repairOver = Line(Export(exportedQty: 1_000m), returnedQty: 1_200m, reason: ReturnReason.Repair);
        var fine = Line(Export(itemNo: 2), lineNo: 2);

        var screening = Screener.ScreenCase(CaseOf(repairOver, fine), new CaseScreeningContext { EvaluationDate = fine.EffectiveEntryDate!.Value });

        Assert.False(CaseScreening.IsCorrectable(screening.Lines[0].Eligibility!));
        Assert.Equal(ReturnCaseStatus.EvidenceReview, screening.NextStatus);
        Assert.Equal([1], screening.SplitOffLineNos);
    }

    [Fact]
    public void Screen_AS05FoodPreparation_FoodExcluded()
    {
        var line = Line(Export("9610", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 2), hsCode: "2106909090"), entry: new DateOnly(2026, 6, 20));

        var result = Screen(line);

        Assert.Equal(EligibilityOutcome.Ineligible, result.Outcome);
        Assert.Equal([ReasonCodes.FoodExcluded], result.Reasons);
        Assert.True(result.IsFood);
    }

    [Fact]
    public void Screen_W06DogFood_PassesFoodRule()
    {
        var line = Line(Export("9610", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 2), hsCode: "2309109000"), entry: new DateOnly(2026, 6, 20));

        var result = Screen(line);

        Assert.Equal(EligibilityOutcome.Eligible, result.Outcome);
        Assert.False(result.IsFood);
    }

    [Fact]
    public void Screen_AS06GeneralTrade0110_SupervisionCodeNotEligible()
    {
        var line = Line(Export("0110", new DateOnly(2026, 4, 9), new DateOnly(2026, 4, 10)), reason: ReturnReason.CustomerReturn, entry: new DateOnly(2026, 5, 10));

        var result = Screen(line);

        Assert.Equal(EligibilityOutcome.Ineligible, result.Outcome);
        Assert.Equal([ReasonCodes.SupervisionCodeNotEligible], result.Reasons);
    }

    [Fact]
    public void Screen_E04RepairReason_ReasonNotEligible()
    {
        var result = Screen(Line(reason: ReturnReason.Repair));

        Assert.Equal([ReasonCodes.ReasonNotEligible], result.Reasons);
    }

    [Theory]
    [InlineData("2026-09-30", EligibilityOutcome.Eligible)]
    [InlineData("2026-10-01", EligibilityOutcome.Ineligible)]
    public void Screen_AS07AndW08ExportedMonthEnd_DeadlineIsSeptember30(string entry, EligibilityOutcome expected)
    {
        var line = Line(Export("9810", new DateOnly(2026, 3, 30), new DateOnly(2026, 3, 31)), entry: Parse(entry));

        var result = Screen(line);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(new DateOnly(2026, 9, 30), result.Deadline);
        Assert.Equal(expected == EligibilityOutcome.Eligible ? [] : [ReasonCodes.ReturnWindowExceeded], result.Reasons);
    }

    [Theory]
    [InlineData("2025-12-31", "2026-01-03", "2026-07-03", "CBEC-RET-2023-34", "2026-07-03", null)]
    [InlineData("2026-01-01", "2026-01-01", "2026-07-02", "CBEC-RET-2026-16", "2026-07-01", ReasonCodes.ReturnWindowExceeded)]
    [InlineData("2027-12-31", "2028-01-02", "2028-07-01", "CBEC-RET-2026-16", "2028-07-02", null)]
    [InlineData("2028-01-01", "2028-01-01", "2028-02-01", null, null, ReasonCodes.NoPolicyForExportDate)]
    [InlineData("2023-01-29", "2023-01-30", "2023-03-01", null, null, ReasonCodes.NoPolicyForExportDate)]
    public void Screen_AS08AndW05WindowEdges_VersionDeadlineAndResult(string declared, string exported, string entry, string? version, string? deadline, string? reason)
    {
        var line = Line(Export("9710", Parse(declared), Parse(exported)), reason: ReturnReason.CustomerReturn, entry: Parse(entry));

        var result = Screen(line);

        Assert.Equal(version, result.PolicyVersionId);
        Assert.Equal(deadline is null ? null : Parse(deadline), result.Deadline);
        Assert.Equal(reason is null ? [] : [reason], result.Reasons);
        Assert.Equal(reason is null ? EligibilityOutcome.Eligible : EligibilityOutcome.Ineligible, result.Outcome);
    }

    [Theory]
    [InlineData("2028-02-29", EligibilityOutcome.Eligible)]
    [InlineData("2028-03-01", EligibilityOutcome.Ineligible)]
    public void Screen_W09LeapYearDeadline_February29Included(string entry, EligibilityOutcome expected)
    {
        var line = Line(Export("9810", new DateOnly(2027, 8, 30), new DateOnly(2027, 8, 31)), entry: Parse(entry));

        var result = Screen(line);

        Assert.Equal(new DateOnly(2028, 2, 29), result.Deadline);
        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public void Screen_W04Bonded1210ReturnedOnDeadline_EligibleFromAreaExitDate()
    {
        var export = Export("1210", new DateOnly(2025, 12, 28), exported: new DateOnly(2025, 12, 28), declarationNo: "530020250001234567", areaExit: new DateOnly(2026, 3, 5));
        var line = Line(export, entry: new DateOnly(2026, 9, 5));

        var result = Screen(line);

        Assert.Equal(EligibilityOutcome.Eligible, result.Outcome);
        Assert.Equal("CBEC-RET-2023-34", result.PolicyVersionId);
        Assert.Equal(new DateOnly(2026, 3, 5), result.ClockStart);
        Assert.Equal(new DateOnly(2026, 9, 5), result.Deadline);
    }

    [Fact]
    public void Screen_W04Bonded1210DeclaredOutOfAreaLate_ReturnWindowExceeded()
    {
        var export = Export("1210", new DateOnly(2025, 12, 28), exported: new DateOnly(2025, 12, 28), declarationNo: "530020250001234567", areaExit: new DateOnly(2026, 3, 5));
        var line = Line(export, entry: new DateOnly(2026, 8, 30)) with
        {
            Destination = ReturnDestination.SpecialAreaThenDomesticNonZone,
            ReturnIntoNonZoneDate = new DateOnly(2026, 9, 7),
        };

        var result = Screen(line);

        Assert.Equal(EligibilityOutcome.Ineligible, result.Outcome);
        Assert.Equal([ReasonCodes.ReturnWindowExceeded], result.Reasons);
    }
}
