using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.Intake;

public class DeadlineRulesTests
{
    private static readonly EligibilityScreener Screener = new();
    private static readonly DateOnly Deadline = new(2026, 9, 12);
    private static readonly DateOnly OpenedOn = new(2026, 8, 1);

    /// <summary>AS-01's export line (9810, exported 2026-03-12, deadline 2026-09-12), screened on the day the case opened.</summary>
    private static ReturnCaseLine Screened(DateOnly plannedEntry, int lineNo = 1, ReturnCaseLine? line = null)
    {
        var planned = (line ?? Line(lineNo: lineNo)) with { PlannedEntryDate = plannedEntry, DatesStatedOn = OpenedOn };
        return planned with { Eligibility = Screener.Screen(planned, ScreeningContext.For(CaseOf(planned), OpenedOn)) };
    }

    [Fact]
    public void Screened_AS01Line_HasTheSeptember12Deadline()
    {
        var line = Screened(new DateOnly(2026, 9, 1));

        Assert.Equal((EligibilityOutcome.Eligible, Deadline), (line.Eligibility!.Outcome, line.Deadline!.Value));
    }

    [Fact]
    public void HasReturned_AFuturePlanIsNotAReturn_AStatedPastDateIs_A05()
    {
        var plan = Screened(new DateOnly(2026, 9, 1));
        var alreadyEntered = Screened(new DateOnly(2026, 7, 30));

        Assert.False(DeadlineRules.HasReturned(plan, new DateOnly(2026, 9, 5)));
        Assert.True(DeadlineRules.HasReturned(alreadyEntered, new DateOnly(2026, 9, 5)));
        Assert.True(DeadlineRules.HasReturned(plan with { ReturnEntryDate = new DateOnly(2026, 9, 1) }, new DateOnly(2026, 9, 5)));
    }

    [Fact]
    public void HasReturned_Bonded1210ThroughTheArea_CountsTheDateIntoTheNonZone_E06()
    {
        var bonded = Line(Export(supervisionCode: "1210", areaExit: new DateOnly(2026, 3, 12))) with
        {
            Destination = ReturnDestination.SpecialAreaThenDomesticNonZone,
            ReturnEntryDate = new DateOnly(2026, 8, 20),
            DatesStatedOn = OpenedOn,
        };

        Assert.False(DeadlineRules.HasReturned(bonded, new DateOnly(2026, 8, 25)));
        Assert.True(DeadlineRules.HasReturned(bonded with { ReturnIntoNonZoneDate = new DateOnly(2026, 7, 31) }, new DateOnly(2026, 8, 25)));
        Assert.False(DeadlineRules.HasReturned(bonded with { Destination = ReturnDestination.RemainsInSpecialArea }, new DateOnly(2026, 8, 25)));
    }

    [Fact]
    public void Rescreen_DeadlinePassedWithGoodsNotEntered_ReturnWindowExceeded()
    {
        var line = Screened(new DateOnly(2026, 9, 1));

        Assert.Empty(DeadlineRules.Rescreen([line], Deadline, PolicyTable.Default, ReturnsDomainOptions.Default));
        var failed = DeadlineRules.Rescreen([line], Deadline.AddDays(1), PolicyTable.Default, ReturnsDomainOptions.Default);

        var only = Assert.Single(failed);
        Assert.Equal(1, only.LineNo);
        Assert.Equal([ReasonCodes.ReturnWindowExceeded], only.Codes);
    }

    [Fact]
    public void Rescreen_DeadlinePassedAfterTheGoodsEntered_NothingFails()
    {
        var line = Screened(new DateOnly(2026, 9, 1)) with { ReturnEntryDate = new DateOnly(2026, 9, 10) };

        Assert.Empty(DeadlineRules.Rescreen([line], Deadline.AddDays(30), PolicyTable.Default, ReturnsDomainOptions.Default));
    }

    [Fact]
    public void Rescreen_PlannedDateMovedPastTheDeadline_FailsBeforeTheDeadline()
    {
        var line = Screened(new DateOnly(2026, 9, 1)) with { PlannedEntryDate = new DateOnly(2026, 9, 20) };

        var failed = DeadlineRules.Rescreen([line], OpenedOn, PolicyTable.Default, ReturnsDomainOptions.Default);

        Assert.Equal(ReasonCodes.ReturnWindowExceeded, Assert.Single(failed).Codes.Single());
    }

    [Fact]
    public void Rescreen_IneligibleLinesAreNotWatched()
    {
        var line = Screened(new DateOnly(2026, 9, 20));

        Assert.Equal(EligibilityOutcome.Ineligible, line.Eligibility!.Outcome);
        Assert.Empty(DeadlineRules.Rescreen([line], Deadline.AddDays(1), PolicyTable.Default, ReturnsDomainOptions.Default));
        Assert.Null(DeadlineRules.NextDeadline([line], OpenedOn));
    }

    [Fact]
    public void NextDeadline_EarliestOfTheLinesNotYetReturned()
    {
        var waiting = Screened(new DateOnly(2026, 9, 1));
        var entered = Screened(new DateOnly(2026, 7, 30), lineNo: 2, line: Line(Export(exported: new DateOnly(2026, 3, 1), itemNo: 2), lineNo: 2));

        Assert.Equal(Deadline, DeadlineRules.NextDeadline([waiting, entered], OpenedOn));
        Assert.Null(DeadlineRules.NextDeadline([entered], OpenedOn));
        Assert.Null(DeadlineRules.NextDeadline([waiting], Deadline.AddDays(1)));
    }

    [Theory]
    [InlineData(-1, false, 0)]
    [InlineData(0, true, 7)]
    [InlineData(7, true, 0)]
    [InlineData(8, false, 0)]
    public void Warnings_FromSevenDaysBeforeTheDeadlineUntilItPasses(int daysAfterWindowOpens, bool expected, int daysLeft)
    {
        var today = Deadline.AddDays(-7 + daysAfterWindowOpens);
        var warnings = DeadlineRules.Warnings([Screened(new DateOnly(2026, 9, 1))], today, ReturnsDomainOptions.Default);

        Assert.Equal(expected, warnings.Count == 1);
        if (expected)
            Assert.Equal(new DeadlineWarning(1, Deadline, daysLeft), warnings[0]);
    }
}
