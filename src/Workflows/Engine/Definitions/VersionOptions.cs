using System.Globalization;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>Elsa's version selector: Latest, Published, LatestOrPublished, LatestAndPublished, Draft, All, or a version number.</summary>
public readonly record struct VersionOptions(VersionSelector Selector, int Version = 0)
{
    public static readonly VersionOptions Latest = new(VersionSelector.Latest);
    public static readonly VersionOptions Published = new(VersionSelector.Published);
    public static readonly VersionOptions LatestOrPublished = new(VersionSelector.LatestOrPublished);
    public static readonly VersionOptions All = new(VersionSelector.All);

    public static VersionOptions SpecificVersion(int version) => new(VersionSelector.Specific, version);

    public static bool TryParse(string? text, out VersionOptions options)
    {
        options = LatestOrPublished;
        if (text is null)
            return true;
        if (string.IsNullOrWhiteSpace(text))
        {
            // Studio sends "versionOptions=" for "not specified".
            options = All;
            return true;
        }
        var value = text.Trim();
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            options = SpecificVersion(number);
            return true;
        }

        if (value.StartsWith("Version:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value["Version:".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) && number > 0)
        {
            options = SpecificVersion(number);
            return true;
        }

        if (string.Equals(value, "AllVersions", StringComparison.OrdinalIgnoreCase))
        {
            options = All;
            return true;
        }

        if (Enum.TryParse<VersionSelector>(value, ignoreCase: true, out var selector) && selector != VersionSelector.Specific
            && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            options = new VersionOptions(selector);
            return true;
        }

        return false;
    }

    public override string ToString() => Selector == VersionSelector.Specific ? Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : Selector.ToString();
}
