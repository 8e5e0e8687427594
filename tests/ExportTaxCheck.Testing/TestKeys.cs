namespace ExportTaxCheck.Testing;

/// <summary>The API keys and enterprises of the Hosts under test, one place for the in-process and the process Hosts.</summary>
public static class TestKeys
{
    public const string Analyst = "test-analyst-key-0123456789";
    public const string Exporter = "test-exporter-e1-key-0123456789";
    public const string OtherExporter = "test-exporter-m1-key-0123456789";
    public const string TaxOfficer = "test-tax-officer-key-0123456789";
    public const string CustomsOfficer = "test-customs-officer-key-012345";
    public const string Supervisor = "test-supervisor-key-0123456789";
    public const string TaxOfficer2 = "test-tax-officer2-key-012345678";
    public const string ExporterUscc = "91440300MA5G7K2L3J";
    public const string OtherExporterUscc = "91330100MA2H3JQ7X7";

    /// <summary>Every test officer's password (their sign-in form).</summary>
    public const string Password = "officer-test-password";

    /// <summary>How many officers src/Host/appsettings.json configures (a Host process gets <see cref="PasswordHash"/> for each).</summary>
    public const int ConfiguredUsers = 5;

    public static readonly string PasswordHash = ExportTaxCheck.Engine.Users.PasswordHashing.Hash(Password);

    /// <summary>Every key as configuration entries (<c>Auth:ApiKeys:i:…</c>), joined with <paramref name="separator"/>.</summary>
    public static Dictionary<string, string> Settings(string separator = ":")
    {
        (string Key, string Name, string Role, string? Enterprise)[] keys =
        [
            (Analyst, "analyst", "Analyst", null),
            (Exporter, "exporter-e1", "Exporter", ExporterUscc),
            (OtherExporter, "exporter-m1", "Exporter", OtherExporterUscc),
            (TaxOfficer, "tax.officer", "TaxOfficer", null),
            (CustomsOfficer, "customs.officer", "CustomsOfficer", null),
            (Supervisor, "supervisor", "Supervisor", null),
            (TaxOfficer2, "tax.officer2", "TaxOfficer", null),
        ];
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < keys.Length; i++)
        {
            var prefix = string.Join(separator, "Auth", "ApiKeys", i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + separator;
            settings[prefix + "Key"] = keys[i].Key;
            settings[prefix + "Name"] = keys[i].Name;
            settings[prefix + "Roles" + separator + "0"] = keys[i].Role;
            if (keys[i].Enterprise is { } enterprise)
                settings[prefix + "Enterprise"] = enterprise;
        }
        return settings;
    }
}
