namespace ExportTaxCheck.Returns.Clearance;

/// <summary>E-07/E-08: the customs officer's recorded facts (declared by the exporter at stage 4, confirmed at stage 11).</summary>
public sealed record OriginalStateFacts
{
    public bool FormBasicallySame { get; init; } = true;
    public bool AccessoriesOrPartsAdded { get; init; }
    public bool ProcessedOrModified { get; init; }
    public IReadOnlySet<Handling> HandlingPerformed { get; init; } = new HashSet<Handling>();
    public bool Used { get; init; }
    public UsageException UsageException { get; init; } = UsageException.None;
}
