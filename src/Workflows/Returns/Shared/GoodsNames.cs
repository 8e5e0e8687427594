using System.Globalization;
using System.Text;

namespace ExportTaxCheck.Returns.Shared;

/// <summary>The normalised goods-name comparison shared by E-12 and X-11.</summary>
public static class GoodsNames
{
    /// <summary>NFKC (full-width to half-width), then drop whitespace, punctuation and symbols, then upper-case.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "";
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name.Normalize(NormalizationForm.FormKC))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (char.IsWhiteSpace(ch) || char.IsPunctuation(ch) || char.IsSymbol(ch) || category == UnicodeCategory.Format)
                continue;
            builder.Append(char.ToUpperInvariant(ch));
        }
        return builder.ToString();
    }

    public static bool AreConsistent(string? a, string? b) => Normalize(a) == Normalize(b);
}
