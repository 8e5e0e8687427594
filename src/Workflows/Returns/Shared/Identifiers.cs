using System.Text.RegularExpressions;

namespace ExportTaxCheck.Returns.Shared;

/// <summary>Format checks of the identifiers in §5 (V-01, V-02, V-04 and the unnumbered field patterns).</summary>
public static partial class Identifiers
{
    /// <summary>GB 32100 character set: digits and upper-case letters without I, O, S, V, Z (§5.1).</summary>
    public const string UsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>V-01: the §5.1 pattern and the GB 32100 check character.</summary>
    public static bool IsValidUscc(string? value) =>
        value is not null && UsccPattern().IsMatch(value) && value[17] == UsccCheckCharacter(value);

    /// <summary>GB 32100: 31 − (Σ charset index × weight mod 31), where 31 becomes 0. Needs the first 17 characters from the charset.</summary>
    public static char UsccCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length < 17)
            throw new ArgumentException("A USCC check character needs 17 characters.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var index = UsccCharset.IndexOf(first17[i], StringComparison.Ordinal);
            if (index < 0)
                throw new ArgumentException($"'{first17[i]}' is not a GB 32100 character.", nameof(first17));
            sum += index * UsccWeights[i];
        }
        return UsccCharset[(31 - sum % 31) % 31];
    }

    /// <summary>V-02 (G-06): export flag 0 at position 9; when the date is given, positions 5-8 are its year.</summary>
    public static bool IsValidExportDeclarationNo(string? value, DateOnly? declarationDate) =>
        value is not null && ExportDeclarationPattern().IsMatch(value) && YearMatches(value, declarationDate);

    /// <summary>V-02 (G-06): import flag 1 at position 9.</summary>
    public static bool IsValidImportDeclarationNo(string? value) => value is not null && ImportDeclarationPattern().IsMatch(value);

    /// <summary>V-04: 10 digits.</summary>
    public static bool IsValidHsCode(string? value) => value is not null && HsPattern().IsMatch(value);

    /// <summary>§5.1 ExporterCustomsCode.</summary>
    public static bool IsValidCustomsRegistrationCode(string? value) => value is not null && CustomsRegistrationPattern().IsMatch(value);

    /// <summary>§5.1 CompetentTaxAuthorityCode (illustrative format).</summary>
    public static bool IsValidTaxAuthorityCode(string? value) => value is not null && TaxAuthorityPattern().IsMatch(value);

    /// <summary>§5.8 EntryPortCode, §5.10 CustomsCode: the 4-digit 关区代码.</summary>
    public static bool IsValidCustomsOfficeCode(string? value) => value is not null && FourDigitPattern().IsMatch(value);

    /// <summary>G-10, §5.2: a 4-digit supervision code (whether it is eligible is E-02 / V-13).</summary>
    public static bool IsValidSupervisionCode(string? value) => value is not null && FourDigitPattern().IsMatch(value);

    private static bool YearMatches(string value, DateOnly? declarationDate) =>
        declarationDate is not { } date || int.Parse(value.AsSpan(4, 4), provider: System.Globalization.CultureInfo.InvariantCulture) == date.Year;

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UsccPattern();

    [GeneratedRegex("^[0-9]{8}0[0-9]{9}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExportDeclarationPattern();

    [GeneratedRegex("^[0-9]{8}1[0-9]{9}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ImportDeclarationPattern();

    [GeneratedRegex("^[0-9]{10}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HsPattern();

    [GeneratedRegex("^[0-9A-Z]{10}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CustomsRegistrationPattern();

    [GeneratedRegex("^[0-9]{11}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TaxAuthorityPattern();

    [GeneratedRegex("^[0-9]{4}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FourDigitPattern();
}
