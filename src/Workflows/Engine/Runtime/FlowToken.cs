namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// A token of a token-based flowchart: emitted on a connection its source took, consumed when its target completes,
/// blocked when a Race or Cascade target already ran for another inbound connection (Elsa 3's token flow).
/// </summary>
public sealed class FlowToken
{
    public string From { get; set; } = "";
    public string? Outcome { get; set; }
    public string To { get; set; } = "";
    public bool Consumed { get; set; }
    public bool Blocked { get; set; }

    public bool IsLive => !Consumed && !Blocked;

    public bool Matches(Connection connection) =>
        From == connection.Source.Activity && To == connection.Target.Activity && string.Equals(Outcome, connection.Source.Port, StringComparison.Ordinal);
}
