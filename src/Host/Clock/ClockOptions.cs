namespace ExportTaxCheck.Host.Clock;

/// <summary><c>Clock</c>: <c>System</c> (the default, the only mode allowed in Production) or <c>Adjustable</c>.</summary>
public sealed class ClockOptions
{
    public const string Section = "Clock";
    public const string System = "System";
    public const string Adjustable = "Adjustable";

    public string Mode { get; set; } = System;

    /// <summary>How often a node reads the offset another node may have moved (several nodes on PostgreSQL).</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many rounds of due work per move; what is still due after them is reported, not dropped.</summary>
    public int MaxRounds { get; set; } = 500;

    public bool IsAdjustable => string.Equals(Mode, Adjustable, StringComparison.OrdinalIgnoreCase);
}
