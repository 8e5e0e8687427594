namespace ExportTaxCheck.Host.Auth;

/// <summary>One API key: who it is and what roles it carries (Analyst for the Elsa endpoints).</summary>
public sealed class ApiKeyEntry
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Roles { get; set; } = [];

    /// <summary>For exporter keys: the enterprise (USCC) whose cases the key may see and act on.</summary>
    public string? Enterprise { get; set; }
}
