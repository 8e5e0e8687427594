namespace ExportTaxCheck.Returns.Evidence;

/// <summary>One missing piece of evidence; <see cref="LineNo"/> is null for case-level gaps (attestation).</summary>
public sealed record EvidenceGap(string Code, int? LineNo);
