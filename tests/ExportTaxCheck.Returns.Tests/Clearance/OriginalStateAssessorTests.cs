using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.Clearance;

public class OriginalStateAssessorTests
{
    private static EvidenceDocument Document(EvidenceType type) => new() { DocId = Guid.NewGuid(), Type = type, CoversLines = [1] };

    [Theory]
    [InlineData(UsageException.CustomerReturnedAfterTrial, EvidenceType.TrialReturnEvidence, OriginalStateDecision.Original)]
    [InlineData(UsageException.DefectOnlyFoundAfterTrial, EvidenceType.QualityDefectEvidence, OriginalStateDecision.Original)]
    [InlineData(UsageException.None, null, OriginalStateDecision.NotOriginal)]
    [InlineData(UsageException.DefectOnlyFoundAfterTrial, null, OriginalStateDecision.NotOriginal)]
    public void Assess_AS09UsedGoods_OriginalOnlyWithExceptionAndEvidence(UsageException exception, EvidenceType? evidence, OriginalStateDecision expected)
    {
        var line = Line(Export("9610"), reason: ReturnReason.CustomerReturn) with
        {
            OriginalState = new OriginalStateFacts { Used = true, UsageException = exception },
        };
        EvidenceDocument[] documents = evidence is { } type ? [Document(EvidenceType.PlatformReturnRecord), Document(type)] : [Document(EvidenceType.PlatformReturnRecord)];

        var assessment = OriginalStateAssessor.Assess(line, documents);

        Assert.Equal(expected, assessment.Decision);
        Assert.Equal(expected == OriginalStateDecision.Original ? [] : [ReasonCodes.OriginalStateFailedUsedWithoutException], assessment.Reasons);
    }

    [Fact]
    public void Assess_AS09WrongEvidenceForException_NotOriginal()
    {
        var facts = new OriginalStateFacts { Used = true, UsageException = UsageException.DefectOnlyFoundAfterTrial };
        var line = Line() with { OriginalState = facts };

        var assessment = OriginalStateAssessor.Assess(line, [Document(EvidenceType.TrialReturnEvidence)]);

        Assert.Equal([ReasonCodes.OriginalStateFailedUsedWithoutException], assessment.Reasons);
    }

    [Fact]
    public void Assess_AS12AccessoriesAdded_AccessoriesAddedFailure()
    {
        var assessment = OriginalStateAssessor.Assess(new OriginalStateFacts { AccessoriesOrPartsAdded = true }, usageEvidencePresent: false);

        Assert.Equal(OriginalStateDecision.NotOriginal, assessment.Decision);
        Assert.Equal([ReasonCodes.OriginalStateFailedAccessoriesAdded], assessment.Reasons);
    }

    [Fact]
    public void Assess_AS13UnpackedTestedInstalledDebugged_Original()
    {
        var facts = new OriginalStateFacts
        {
            HandlingPerformed = new HashSet<Handling> { Handling.Unpacked, Handling.LabTested, Handling.Installed, Handling.Debugged },
        };

        var assessment = OriginalStateAssessor.Assess(facts, usageEvidencePresent: false);

        Assert.Equal(OriginalStateDecision.Original, assessment.Decision);
        Assert.Empty(assessment.Reasons);
    }

    [Fact]
    public void Assess_A08RebrandedGoods_ProcessedOrModified()
    {
        var facts = new OriginalStateFacts { HandlingPerformed = new HashSet<Handling> { Handling.RepackedSameType, Handling.Rebranded } };

        Assert.Equal([ReasonCodes.OriginalStateFailedProcessedOrModified], OriginalStateAssessor.Assess(facts, usageEvidencePresent: false).Reasons);
    }
}
