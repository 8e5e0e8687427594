using System.Text.RegularExpressions;
using ExportTaxCheck.Host.Tests.Browser;
using ExportTaxCheck.Returns.Shared;
using MimeKit;

namespace ExportTaxCheck.Host.Tests.Notifications;

/// <summary>
/// What every exporter mail must pass: each reason code it quotes stands beside its sentence in the part's language, its
/// Chinese part shows no internal word at all, and both parts say the same things (amounts, dates, codes, phone numbers,
/// the authority's code) and end with the authorities' contact.
/// </summary>
public static class MailTexts
{
    public static void AssertEveryCodeHasItsText(MimeMessage message)
    {
        var body = message.TextBody ?? "";
        var cut = body.IndexOf("[English]", StringComparison.Ordinal);
        Assert.True(cut > 0, "The mail has no English part.");
        var (chinese, english) = (body[..cut], body[cut..]);
        foreach (var word in PageChecks.InternalWords)
        {
            var isCode = DisplayTexts.HasReason(word);
            if (Shows(chinese, word))
            {
                Assert.True(isCode, $"{message.Subject}: the Chinese part shows '{word}'.");
                Assert.Contains(DisplayTexts.Reason(word, DisplayTexts.Chinese), chinese, StringComparison.Ordinal);
            }
            if (isCode && Shows(english, word))
                Assert.Contains(DisplayTexts.Reason(word, DisplayTexts.English), english, StringComparison.Ordinal);
        }
    }

    /// <summary>The Chinese and the English part carry the same amounts, dates, codes and contact, in the text and in the HTML.</summary>
    public static void AssertBothPartsSayTheSame(MimeMessage message)
    {
        var body = message.TextBody ?? "";
        var cut = body.IndexOf("[English]", StringComparison.Ordinal);
        var footer = body.LastIndexOf("\n--", StringComparison.Ordinal);
        Assert.True(cut > 0 && footer > cut, $"{message.Subject}: the mail has no English part before its footer.");
        AssertSame(message.Subject ?? "", body[..cut], body[cut..footer]);
        var html = System.Net.WebUtility.HtmlDecode(message.HtmlBody ?? "");
        var zh = Regex.Match(html, "<section lang=\"zh-CN\">(?<part>.*?)</section>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        var en = Regex.Match(html, "<section lang=\"en\">(?<part>.*?)</section>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(zh.Success && en.Success, $"{message.Subject}: the HTML has no Chinese and English section.");
        AssertSame(message.Subject ?? "", zh.Groups["part"].Value, en.Groups["part"].Value);
    }

    /// <summary>Amounts, dates, reason codes and numbers of five or more digits (document numbers, phones, codes) each part names.</summary>
    public static IReadOnlyList<string> Facts(string part) =>
        [.. Regex.Matches(part, @"\d{1,3}(?:,\d{3})*\.\d{2}|\d{4}-\d{2}-\d{2}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|\d{5,}", RegexOptions.None, TimeSpan.FromSeconds(1))
            .Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    private static void AssertSame(string subject, string chinese, string english)
    {
        Assert.True(Facts(chinese).SequenceEqual(Facts(english)),
            $"{subject}: the parts differ. Chinese: {string.Join(" ", Facts(chinese))}; English: {string.Join(" ", Facts(english))}");
        Assert.Contains("联系方式：", chinese, StringComparison.Ordinal);
        Assert.Contains("Contact:", english, StringComparison.Ordinal);
    }

    private static bool Shows(string text, string word) =>
        Regex.IsMatch(text, $@"(?<![\w:-]){Regex.Escape(word)}(?![\w:-])", RegexOptions.None, TimeSpan.FromSeconds(1));
}
