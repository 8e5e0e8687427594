using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>§5.10: customs → tax usage feedback (G-45).</summary>
public sealed record UsageFeedback
{
    public required string CertificateNo { get; init; }
    public required string ReturnDeclarationNo { get; init; }
    public required string CustomsCode { get; init; }
    public required DateOnly ReleasedOn { get; init; }
    public required Channel Channel { get; init; }
    public required IReadOnlyList<UsedLine> UsedLines { get; init; }
    public UsageEvent Event { get; init; } = UsageEvent.Used;

    /// <summary>Ours: the instant of the release, so reconciliation can tell which of two uses came later (stage 12).</summary>
    public DateTimeOffset? ReleasedAt { get; init; }
}
