using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.Evidence;

public class EvidenceCheckerTests
{
    private static EvidenceDocument Document(EvidenceType type, bool? officerAccepted = null) => new()
    {
        DocId = Guid.NewGuid(),
        Type = type,
        CoversLines = [1],
        ExportReferences = [ExportDeclarationNo],
        OfficerAccepted = officerAccepted,
    };

    private static EvidenceDocument SelfDeclaration(decimal qty = 500m) => Document(EvidenceType.SelfDeclaration) with
    {
        SignedBy = "legal representative",
        StatedQuantities = [new LineQuantity(1, qty)],
    };

    [Theory]
    [InlineData(EvidenceType.PlatformRejectionRecord, null)]
    [InlineData(EvidenceType.ReturnAgreement, null)]
    [InlineData(EvidenceType.PlatformReturnRecord, null)]
    [InlineData(EvidenceType.OtherReturnEvidence, ReasonCodes.EvidenceIncompleteMissingReturnEvidence)]
    public void Check_AS11CustomerReturnEvidence_CompleteOnlyWithAcceptedKinds(EvidenceType type, string? expectedGap)
    {
        var returnCase = CaseOf(Line(reason: ReturnReason.CustomerReturn));

        var check = EvidenceChecker.Check(returnCase, [Document(EvidenceType.ExportDeclaration), Document(type)]);

        Assert.Equal(expectedGap is null ? [] : [expectedGap], check.Codes);
    }

    [Fact]
    public void Check_AS11OtherEvidenceNotYetDecided_AwaitsOfficer()
    {
        var other = Document(EvidenceType.OtherReturnEvidence);

        var check = EvidenceChecker.Check(CaseOf(Line(reason: ReturnReason.CustomerReturn)), [Document(EvidenceType.ExportDeclaration), other]);

        Assert.Equal([other.DocId], check.AwaitingOfficerAcceptance);
    }

    [Fact]
    public void Check_AS11OtherEvidenceAcceptedByOfficer_Complete()
    {
        var check = EvidenceChecker.Check(CaseOf(Line(reason: ReturnReason.CustomerReturn)), [Document(EvidenceType.ExportDeclaration), Document(EvidenceType.OtherReturnEvidence, true)]);

        Assert.True(check.IsComplete);
    }

    [Fact]
    public void Check_AS11NoReturnEvidence_MissingReturnEvidence()
    {
        var check = EvidenceChecker.Check(CaseOf(Line(reason: ReturnReason.CustomerReturn)), [Document(EvidenceType.ExportDeclaration)]);

        Assert.Equal([new EvidenceGap(ReasonCodes.EvidenceIncompleteMissingReturnEvidence, 1)], check.Gaps);
    }

    [Fact]
    public void Check_AS01UnsoldWithSelfDeclaration_Complete()
    {
        var check = EvidenceChecker.Check(CaseOf(Line()), [Document(EvidenceType.ExportDeclaration), SelfDeclaration()]);

        Assert.True(check.IsComplete);
    }

    [Fact]
    public void Check_SelfDeclarationBelowReturnedQty_MissingSelfDeclaration()
    {
        var check = EvidenceChecker.Check(CaseOf(Line()), [Document(EvidenceType.ExportDeclaration), SelfDeclaration(qty: 499m)]);

        Assert.Equal([ReasonCodes.EvidenceIncompleteMissingSelfDeclaration], check.Codes);
    }

    [Fact]
    public void Check_NoExportDocAndNoAttestation_BothGapsReported()
    {
        var returnCase = CaseOf(Line()) with { AttestationAccepted = false };

        var check = EvidenceChecker.Check(returnCase, [SelfDeclaration()]);

        Assert.Equal([new EvidenceGap(ReasonCodes.EvidenceIncompleteMissingExportDoc, 1), new EvidenceGap(ReasonCodes.EvidenceIncompleteMissingAttestation, null)], check.Gaps);
    }

    [Fact]
    public void Next_AS10UnsoldWithoutSelfDeclaration_SupplementDue15DaysLaterThenRejected()
    {
        var check = EvidenceChecker.Check(CaseOf(Line()), [Document(EvidenceType.ExportDeclaration)]);

        var requested = EvidenceReview.Next(check, new DateOnly(2026, 8, 1), null, ReturnsDomainOptions.Default);
        var onDueDate = EvidenceReview.Next(check, new DateOnly(2026, 8, 16), requested.Request, ReturnsDomainOptions.Default);
        var afterDueDate = EvidenceReview.Next(check, new DateOnly(2026, 8, 17), requested.Request, ReturnsDomainOptions.Default);

        Assert.Equal(ReturnCaseStatus.SupplementRequested, requested.Status);
        Assert.Equal([ReasonCodes.EvidenceIncompleteMissingSelfDeclaration], requested.Codes);
        Assert.Equal(new DateOnly(2026, 8, 16), requested.Request!.DueDate);
        Assert.Equal(ReturnCaseStatus.SupplementRequested, onDueDate.Status);
        Assert.Equal(ReturnCaseStatus.RejectedEvidence, afterDueDate.Status);
    }
}
