using System.Reflection;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
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
        // Text node by text node: the text of a detached copy runs paragraphs together, and a word that touches the next
        // paragraph's Chinese would not stand alone.
        var text = await page.EvaluateAsync<string>("""
            () => {
              const skip = '[data-code], [translate="no"], script, style, input[type=hidden]';
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT,
                { acceptNode: n => n.parentElement?.closest(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
              const parts = [];
              while (walker.nextNode()) parts.push(walker.currentNode.nodeValue);
              return parts.join('\n');
            }
            """);
        return InternalWords.Where(w => Regex.IsMatch(text, $@"(?<![\w:-]){Regex.Escape(w)}(?![\w:-])", RegexOptions.None, TimeSpan.FromSeconds(1))).ToList();
    }

    public static async Task AssertNoInternalWordsAsync(IPage page)
    {
        var shown = await InternalWordsShownAsync(page);
        Assert.True(shown.Count == 0, $"{page.Url} shows internal words without their text: {string.Join(", ", shown)}");
    }

    // axe-core, as Deque bundles it. Their Playwright runner finishes every run in a second, blank page it opens for it
    // (for cross-origin frames, which these pages have none of) and sends every passed rule back: ~2 s a page here. This
    // runs the same axe with its default rules in the page itself and brings back only what fails.
    private static readonly Lazy<string> AxeScript = new(() => new BundledAxeScriptProvider().GetScript());

    private const string RunAxe = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.html).join(', ')}`);
        }
        """;

    public static async Task AssertAccessibleAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(AxeScript.Value);
        var serious = await page.EvaluateAsync<string[]>(RunAxe);
        Assert.True(serious.Length == 0, $"{page.Url}: " + string.Join("; ", serious));
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
