namespace ExportTaxCheck.Returns.RefundDeclarations;

/// <summary>The answer to a refund declaration: every line's split, and <see cref="Outcome"/> over all of them.</summary>
public sealed record RefundDeclarationResult
{
    public required string DeclarationId { get; init; }
    public required DateTimeOffset DeclaredAt { get; init; }
    public required string DeclaredBy { get; init; }
    public required RefundOutcome Outcome { get; init; }
    public required IReadOnlyList<RefundClaimResult> Lines { get; init; }
}
