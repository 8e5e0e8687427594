namespace ExportTaxCheck.Host.Auth;

/// <summary>How long a sign-in lasts and how often a node asks the database whether it still stands.</summary>
public sealed class OfficerSessionOptions
{
    public const string Section = "Auth:Sessions";

    /// <summary>Absolute: a session ends this long after sign-in however busy the officer is (it does not slide).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// A node trusts what it read of a user (enabled, security stamp) for this long; sign-out on the same node ends the
    /// session at once, a change seen by another node within this time.
    /// </summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(10);
}
