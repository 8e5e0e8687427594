namespace ExportTaxCheck.Engine.Activities.Flow;

/// <summary>
/// How a token-based flowchart merges the paths into an activity (<c>customProperties.mergeMode</c>), as Elsa 3 defines
/// them. Counter-based flowcharts do not read it.
/// </summary>
public enum MergeMode
{
    /// <summary>Not set: as Stream.</summary>
    None,

    /// <summary>Runs once no activity upstream on a forward connection still holds a live token (dead paths do not block).</summary>
    Stream,

    /// <summary>Waits for a live token on every forward inbound connection (loops back excluded); one inbound: runs on arrival.</summary>
    Merge,

    /// <summary>Waits for a live token on every inbound connection, loops back included.</summary>
    Converge,

    /// <summary>Runs on the first token and blocks the other inbound connections; later tokens on them only clear the block.</summary>
    Cascade,

    /// <summary>As Cascade, and first cancels whatever still runs upstream of the activity.</summary>
    Race,
}
