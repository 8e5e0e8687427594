using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ExportTaxCheck.Testing;

/// <summary>
/// Waits for a page to arrive at a URL after a click or a form post. Playwright's WaitForURLAsync, when the URL already
/// matches, waits for the load event as its client last heard of it, and on a loaded machine that news can come before the
/// navigation's and be lost: the wait then runs out although the page loaded (seen in CI after sign-in). This asks the
/// browser for the URL until it matches, then for the document's ready state, so no event can be missed.
/// </summary>
public static class PageNavigation
{
    private const float Timeout = 30_000;

    /// <summary>
    /// Waits until the page's URL matches <paramref name="glob"/> (Playwright's glob: <c>**</c> any characters,
    /// <c>*</c> any but a slash) and its document has loaded.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, string glob)
    {
        await Assertions.Expect(page).ToHaveURLAsync(GlobRegex(glob), new PageAssertionsToHaveURLOptions { Timeout = Timeout });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new PageWaitForFunctionOptions { Timeout = Timeout });
    }

    /// <summary>The whole URL matching <paramref name="glob"/>, which starts with <c>**</c> (any origin).</summary>
    private static Regex GlobRegex(string glob)
    {
        if (!glob.StartsWith("**", StringComparison.Ordinal))
            throw new ArgumentException($"'{glob}' should start with ** so that it matches on any origin.", nameof(glob));
        var pattern = Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal);
        return new Regex($"^{pattern}$", RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
