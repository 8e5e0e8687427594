namespace ExportTaxCheck.Returns.Clearance;

public sealed record OriginalStateAssessment(OriginalStateDecision Decision, IReadOnlyList<string> Reasons);
