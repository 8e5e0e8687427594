using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.Clearance;

public class ClearanceRulesTests
{
    private static readonly ReturnsDomainOptions Options = ReturnsDomainOptions.Default;

    private static CrossCheckResult Check(CrossCheckOutcome result, string declarationNo = ReturnDeclarationNo, Channel channel = Channel.Electronic) => new()
    {
        CheckId = Guid.NewGuid(), CertificateNo = C1, ReturnDeclarationNo = declarationNo, CheckedAt = CheckedAt, Result = result, Channel = channel,
    };

    [Fact]
    public void Assess_DeclarationMatched_ReleasesWithoutReasons()
    {
        var result = ClearanceRules.Assess(Line(), null, Declaration(), Check(CrossCheckOutcome.Matched), false, [], PolicyTable.Default, Options);

        Assert.False(result.Refused);
        Assert.Equal(OriginalStateDecision.Original, result.Line.OriginalStateDecision);
        Assert.Equal(Declaration().EntryDate, result.Line.ReturnEntryDate);
    }

    [Fact]
    public void Assess_DeclarationMismatched_RefusesAsNotVerified()
    {
        var result = ClearanceRules.Assess(Line(), null, Declaration(), Check(CrossCheckOutcome.Mismatched), false, [], PolicyTable.Default, Options);

        Assert.Equal([ReasonCodes.CertificateNotVerified], result.Reasons);
    }

    [Fact]
    public void Assess_PaperVerified_ReleasesWithoutReasons()
    {
        var result = ClearanceRules.Assess(Line(), null, Declaration(), Check(CrossCheckOutcome.Matched, channel: Channel.Paper), false, [], PolicyTable.Default, Options);

        Assert.False(result.Refused);
    }

    [Fact]
    public void Assess_X09RefundStatusPushedForTheCertificate_RefusesVariantInconsistent()
    {
        var result = ClearanceRules.Assess(Line(), null, Declaration(), Check(CrossCheckOutcome.Matched), true, [], PolicyTable.Default, Options);

        Assert.Equal([ReasonCodes.VariantStatusInconsistent], result.Reasons);
        Assert.True(ClearanceRules.IsCertificateCode(result.Reasons[0]));
    }

    [Fact]
    public void Assess_LateActualEntry_IsAWindowCodeNotAnOriginalStateFailure()
    {
        var late = Declaration() with { EntryDate = new DateOnly(2026, 9, 13), DeclarationDate = new DateOnly(2026, 9, 13) };

        var screened = Line() with { Eligibility = new EligibilityResult { Outcome = EligibilityOutcome.Eligible, PolicyVersionId = "CBEC-RET-2026-16" } };

        var result = ClearanceRules.Assess(screened, null, late, Check(CrossCheckOutcome.Matched), false, [], PolicyTable.Default, Options);

        Assert.Equal(OriginalStateDecision.Original, result.Line.OriginalStateDecision);
        Assert.Equal([ReasonCodes.ReturnWindowExceeded], result.Reasons);
        Assert.True(ClearanceRules.IsWindowCode(result.Reasons[0]));
    }

    [Fact]
    public void Assess_ActualEntryDateFoundByCustoms_WinsOverTheDeclarations()
    {
        var screened = Line() with { Eligibility = new EligibilityResult { Outcome = EligibilityOutcome.Eligible, PolicyVersionId = "CBEC-RET-2026-16" } };

        var onTime = ClearanceRules.Assess(screened, null, Declaration(), Check(CrossCheckOutcome.Matched), false, [], PolicyTable.Default, Options);
        var late = ClearanceRules.Assess(screened, null, Declaration(), Check(CrossCheckOutcome.Matched), false, [], PolicyTable.Default, Options, new DateOnly(2026, 9, 13));

        Assert.Empty(onTime.Reasons);
        Assert.Equal([ReasonCodes.ReturnWindowExceeded], late.Reasons);
        Assert.Equal(new DateOnly(2026, 9, 13), late.Line.ReturnEntryDate);
    }

    [Fact]
    public void Assess_NeverChecked_RefusesAsNotVerified()
    {
        var result = ClearanceRules.Assess(Line(), null, Declaration(), null, false, [], PolicyTable.Default, Options);

        Assert.Contains(ReasonCodes.CertificateNotVerified, result.Reasons);
    }

    [Fact]
    public void Assess_NoDeclarationForTheLine_RefusesAsNotVerified()
    {
        var result = ClearanceRules.Assess(Line(), null, null, Check(CrossCheckOutcome.Matched), false, [], PolicyTable.Default, Options);

        Assert.Contains(ReasonCodes.CertificateNotVerified, result.Reasons);
    }

    [Fact]
    public void Assess_InspectionFindsAccessoriesAdded_ReplacesDeclaredFactsAndRefuses()
    {
        var inspected = new OriginalStateFacts { AccessoriesOrPartsAdded = true };

        var result = ClearanceRules.Assess(Line(), inspected, Declaration(), Check(CrossCheckOutcome.Matched), false, [], PolicyTable.Default, Options);

        Assert.True(result.Refused);
        Assert.Equal(OriginalStateDecision.NotOriginal, result.Line.OriginalStateDecision);
        Assert.Same(inspected, result.Line.OriginalState);
        Assert.Equal([ReasonCodes.OriginalStateFailedAccessoriesAdded], result.Reasons);
    }
}
