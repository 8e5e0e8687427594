using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Holds;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Returns.Tests.Holds;

public class HoldRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 8, 21, 12, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(ReturnCaseStatus.EvidenceReview, ReasonCodes.FraudReferral, null)]
    [InlineData(ReturnCaseStatus.Matched, ReasonCodes.DoubleUseDetected, null)]
    [InlineData(ReturnCaseStatus.Closed, ReasonCodes.FraudReferral, null)]
    [InlineData(ReturnCaseStatus.Closed, ReasonCodes.DoubleUseDetected, null)]
    [InlineData(ReturnCaseStatus.Withdrawn, ReasonCodes.FraudReferral, "CASE_CLOSED")]
    [InlineData(ReturnCaseStatus.Ineligible, ReasonCodes.FraudReferral, "CASE_CLOSED")]
    [InlineData(ReturnCaseStatus.OnHold, ReasonCodes.FraudReferral, ReasonCodes.CaseOnHold)]
    [InlineData(ReturnCaseStatus.EvidenceReview, "SOMETHING_ELSE", ReasonCodes.FieldInvalid)]
    public void CheckPlace_E21_AnyCaseNotHeldAndNotEndedWithoutAReturn(ReturnCaseStatus status, string code, string? refusal)
    {
        Assert.Equal(refusal, HoldRules.CheckPlace(status, null, code));
    }

    [Fact]
    public void CheckPlace_AStandingHold_IsCaseOnHold()
    {
        var hold = new CaseHold { Code = ReasonCodes.FraudReferral, Reason = "x", PlacedBy = "c", PlacedAt = Noon, PreviousStatus = ReturnCaseStatus.Matched };

        Assert.Equal(ReasonCodes.CaseOnHold, HoldRules.CheckPlace(ReturnCaseStatus.Matched, hold, ReasonCodes.FraudReferral));
    }

    [Fact]
    public void Validate_AReasonIsRequired_AndOfficersPlaceOnlyFraudReferrals()
    {
        Assert.Empty(HoldRules.Validate(new HoldRequest { Reason = "forged records" }));
        Assert.Empty(HoldRules.Validate(new HoldRequest { Code = ReasonCodes.FraudReferral, Reason = "forged records" }));
        Assert.Equal(["reason"], HoldRules.Validate(new HoldRequest { Reason = "  " }).Select(i => i.Field));
        Assert.Equal(["reason"], HoldRules.Validate(new HoldRequest { Reason = new string('r', HoldRules.MaxReasonLength + 1) }).Select(i => i.Field));
        Assert.Equal(["code"], HoldRules.Validate(new HoldRequest { Code = ReasonCodes.DoubleUseDetected, Reason = "x" }).Select(i => i.Field));
    }

    [Fact]
    public void IsLater_TheUseReleasedLaterIsTheLaterOne_AUseNotReleasedIsLaterThanAny()
    {
        Assert.True(HoldRules.IsLater(Noon, Noon.AddMinutes(1)));
        Assert.False(HoldRules.IsLater(Noon.AddMinutes(1), Noon));
        Assert.True(HoldRules.IsLater(Noon, null));
        Assert.False(HoldRules.IsLater(null, Noon));
        // Ties (the same instant, or neither released) go to the use reported last.
        Assert.True(HoldRules.IsLater(Noon, Noon));
        Assert.True(HoldRules.IsLater(null, null));
    }
}
