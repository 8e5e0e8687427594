namespace ExportTaxCheck.Host.Auth;

public static class Roles
{
    public const string Analyst = "Analyst";
    public const string Exporter = "Exporter";
    public const string TaxOfficer = "TaxOfficer";
    public const string CustomsOfficer = "CustomsOfficer";
    public const string Supervisor = "Supervisor";

    /// <summary>Machine calls between the customs and tax ends (the gateway calling the built-in endpoints).</summary>
    public const string System = "System";

    public const string EnterpriseClaim = "enterprise";
}
