namespace ExportTaxCheck.Returns.Evidence;

/// <summary>Where the evidence pre-check sends the case, and the open supplement request if any.</summary>
public sealed record EvidenceStep(ReturnCaseStatus Status, SupplementRequest? Request, IReadOnlyList<string> Codes);
