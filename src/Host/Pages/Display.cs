using System.Globalization;
using System.Text.RegularExpressions;

namespace ExportTaxCheck.Host.Pages;

/// <summary>How the workspace shows times and money: Asia/Shanghai time, two decimals.</summary>
public static partial class Display
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static string Time(DateTimeOffset? value) => value is { } v ? v.ToOffset(China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateTimeOffset? value) => value is { } v ? v.ToOffset(China).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    public static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Money(decimal value) => CaseNotificationModel.Money(value);

    public static string Qty(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Splits a PascalCase name into words for labels ("ReviewCertificateApplication" → "Review certificate application").</summary>
    public static string Words(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "";
        name = name[(name.LastIndexOf('.') + 1)..];
        var words = WordBoundary().Replace(name, " ").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WordBoundary();
}
