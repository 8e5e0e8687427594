namespace ExportTaxCheck.Engine.Persistence;

/// <summary>A setting every node of a cluster must see alike (for example the simulated clock's offset).</summary>
public sealed class SettingRecord
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
