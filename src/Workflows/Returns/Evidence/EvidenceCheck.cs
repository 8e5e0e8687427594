namespace ExportTaxCheck.Returns.Evidence;

public sealed record EvidenceCheck
{
    public required IReadOnlyList<EvidenceGap> Gaps { get; init; }

    /// <summary>OtherReturnEvidence documents the officer has not decided on yet; they do not count until accepted.</summary>
    public IReadOnlyList<Guid> AwaitingOfficerAcceptance { get; init; } = [];

    public bool IsComplete => Gaps.Count == 0;

    public IReadOnlyList<string> Codes => Gaps.Select(g => g.Code).Distinct().ToList();
}
