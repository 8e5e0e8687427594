namespace ExportTaxCheck.Host.Auth;

/// <summary>Per client address: how many sign-in posts and failed API keys a minute before it is answered 429.</summary>
public sealed class ThrottlingOptions
{
    public const string Section = "Auth:Throttling";

    public int SignInsPerMinute { get; set; } = 20;

    public int FailedApiKeysPerMinute { get; set; } = 20;
}
