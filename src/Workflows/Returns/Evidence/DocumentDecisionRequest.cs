namespace ExportTaxCheck.Returns.Evidence;

public sealed record DocumentDecisionRequest
{
    public bool Accepted { get; init; }
}
