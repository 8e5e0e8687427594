using System.Text.RegularExpressions;
using ExportTaxCheck.Host.Tests.Browser;
using ExportTaxCheck.Returns.Shared;
using MimeKit;

namespace ExportTaxCheck.Host.Tests.Notifications;

/// <summary>
/// What every exporter mail must pass: each reason code it quotes stands beside its sentence in the part's language, and
/// its Chinese part shows no internal word at all.
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

    private static bool Shows(string text, string word) =>
        Regex.IsMatch(text, $@"(?<![\w:-]){Regex.Escape(word)}(?![\w:-])", RegexOptions.None, TimeSpan.FromSeconds(1));
}
