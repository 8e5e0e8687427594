using System.Reflection;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using ExportTaxCheck.Returns.Shared;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>What every page of the workspace must pass: no internal word shown in place of its text, and axe finds no serious or critical violation.</summary>
public static class PageChecks
{
    private static readonly string[] Outcomes = ["Accept", "Reject", "RequestSupplement", "Approve", "Refuse", "Confirmed", "Verified", "Differences", "Record", "Recheck", "Release", "Uphold"];

    /// <summary>The internal words: enum member names, officer outcomes and every reason code.</summary>
    public static IReadOnlyList<string> InternalWords { get; } =
    [
        .. DisplayTexts.Enums.SelectMany(Enum.GetNames).Concat(Outcomes).Where(n => n != "None").Distinct(),
        .. typeof(ReasonCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!),
    ];

    /// <summary>
    /// The words a Chinese page shows that are internal words: its visible text without the code chips that follow their
    /// sentence (<c>data-code</c>) and without user data (<c>translate="no"</c>: file names, what a person wrote). Timeline
    /// sentences, hold reasons and audit details are read in the page's language, so they are checked too.
    /// </summary>
    public static async Task<IReadOnlyList<string>> InternalWordsShownAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string>("""
            () => {
              const body = document.body.cloneNode(true);
              body.querySelectorAll('[data-code], [translate="no"], script, style, input[type=hidden]').forEach(e => e.remove());
              return body.innerText;
            }
            """);
        return InternalWords.Where(w => Regex.IsMatch(text, $@"(?<![\w:-]){Regex.Escape(w)}(?![\w:-])", RegexOptions.None, TimeSpan.FromSeconds(1))).ToList();
    }

    public static async Task AssertNoInternalWordsAsync(IPage page)
    {
        var shown = await InternalWordsShownAsync(page);
        Assert.True(shown.Count == 0, $"{page.Url} shows internal words without their text: {string.Join(", ", shown)}");
    }

    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>Both checks and a full-page screenshot named <paramref name="name"/>.</summary>
    public static async Task CheckAsync(IPage page, string name, bool chinese = true)
    {
        if (chinese)
            await AssertNoInternalWordsAsync(page);
        await AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath(name), FullPage = true });
    }
}
