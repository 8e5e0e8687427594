namespace ExportTaxCheck.Returns.Persistence;

/// <summary>Named counters for case and certificate numbers.</summary>
public sealed class SequenceRecord
{
    public required string Name { get; set; }
    public long Value { get; set; }
}
