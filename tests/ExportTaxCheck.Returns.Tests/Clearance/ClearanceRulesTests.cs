using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.Clearance;

public class ClearanceRulesTests
{
    private static readonly ReturnsDomainOptions Options = ReturnsDomainOptions.Default;

    private static CertificateRegistry ReservedFor(string declarationNo) =>
        new CertificateRegistry([Certificate()]).Reserve(C1, declarationNo).Registry;

    [Fact]
    public void Assess_CertificateReservedForTheDeclaration_ReleasesWithoutReasons()
    {
        var result = ClearanceRules.Assess(Line(), null, Declaration(), [], ReservedFor(ReturnDeclarationNo), PolicyTable.Default, Options);

        Assert.False(result.Refused);
        Assert.Equal(OriginalStateDecision.Original, result.Line.OriginalStateDecision);
        Assert.Equal(Declaration().EntryDate, result.Line.ReturnEntryDate);
    }

    [Fact]
    public void Assess_CertificateReservedForAnotherDeclaration_RefusesAsNotVerified()
    {
        var result = ClearanceRules.Assess(Line(), null, Declaration(), [], ReservedFor("530020261000999999"), PolicyTable.Default, Options);

        Assert.Equal([ReasonCodes.CertificateNotVerified], result.Reasons);
    }

    [Fact]
    public void Assess_CertificateOnlyTransmitted_RefusesAsNotVerified()
    {
        var result = ClearanceRules.Assess(Line(), null, Declaration(), [], new CertificateRegistry([Certificate()]), PolicyTable.Default, Options);

        Assert.Contains(ReasonCodes.CertificateNotVerified, result.Reasons);
    }

    [Fact]
    public void Assess_NoDeclarationForTheLine_RefusesAsNotVerified()
    {
        var result = ClearanceRules.Assess(Line(), null, null, [], ReservedFor(ReturnDeclarationNo), PolicyTable.Default, Options);

        Assert.Contains(ReasonCodes.CertificateNotVerified, result.Reasons);
    }

    [Fact]
    public void Assess_InspectionFindsAccessoriesAdded_ReplacesDeclaredFactsAndRefuses()
    {
        var inspected = new OriginalStateFacts { AccessoriesOrPartsAdded = true };

        var result = ClearanceRules.Assess(Line(), inspected, Declaration(), [], ReservedFor(ReturnDeclarationNo), PolicyTable.Default, Options);

        Assert.True(result.Refused);
        Assert.Equal(OriginalStateDecision.NotOriginal, result.Line.OriginalStateDecision);
        Assert.Same(inspected, result.Line.OriginalState);
        Assert.Equal([ReasonCodes.OriginalStateFailedAccessoriesAdded], result.Reasons);
    }
}
