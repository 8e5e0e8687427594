using System.Globalization;
using System.Text.RegularExpressions;

namespace ExportTaxCheck.Returns.Certificates;

/// <summary>
/// §5.6 placeholder format BTZM-{taxOrg11}-{yyyy}-{seq6}: the official format is not public, so this is ours to map
/// once the Single Window interface specification is available. The sequence is allocated outside the domain.
/// </summary>
public static partial class CertificateNumber
{
    public static string Format(string taxAuthorityCode, int year, int sequence)
    {
        if (!TaxOrgPattern().IsMatch(taxAuthorityCode))
            throw new ArgumentException("The tax authority code must be 11 digits.", nameof(taxAuthorityCode));
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999_999);
        return string.Create(CultureInfo.InvariantCulture, $"BTZM-{taxAuthorityCode}-{year:0000}-{sequence:000000}");
    }

    public static bool IsValid(string? certificateNo) => certificateNo is not null && NumberPattern().IsMatch(certificateNo);

    [GeneratedRegex(@"^\d{11}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TaxOrgPattern();

    [GeneratedRegex(@"^BTZM-\d{11}-\d{4}-\d{6}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumberPattern();
}
