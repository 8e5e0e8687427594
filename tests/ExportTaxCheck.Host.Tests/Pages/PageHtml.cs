using System.Net;
using System.Text.RegularExpressions;

namespace ExportTaxCheck.Host.Tests.Pages;

/// <summary>Reads what a workspace page shows, by its <c>data-testid</c> marks, from the HTML the server sent.</summary>
public static class PageHtml
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static async Task<string> GetAsync(HttpClient browser, string url, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The text of the element marked <paramref name="testId"/> (tags stripped, entities decoded, spaces collapsed).</summary>
    public static string Text(string html, string testId)
    {
        var start = Regex.Match(html, $"<(\\w+)[^>]*data-testid=\"{Regex.Escape(testId)}\"[^>]*>", RegexOptions.None, Timeout);
        Assert.True(start.Success, $"The page has no {testId}.");
        var tag = start.Groups[1].Value;
        // The element ends at its own closing tag: count nested tags of the same name.
        var depth = 1;
        var at = start.Index + start.Length;
        foreach (Match m in Regex.Matches(html[at..], $"<(/?){tag}\\b[^>]*>", RegexOptions.None, Timeout))
        {
            depth += m.Groups[1].Value == "/" ? -1 : 1;
            if (depth == 0)
                return Clean(html.Substring(at, m.Index));
        }
        return Clean(html[at..]);
    }

    /// <summary>The attribute <paramref name="attribute"/> of every element marked <paramref name="testId"/>.</summary>
    public static IReadOnlyList<string> Attributes(string html, string testId, string attribute) =>
        Regex.Matches(html, $"<\\w+[^>]*data-testid=\"{Regex.Escape(testId)}\"[^>]*>", RegexOptions.None, Timeout)
            .Select(m => Regex.Match(m.Value, $"{attribute}=\"([^\"]*)\"", RegexOptions.None, Timeout).Groups[1].Value).ToList();

    /// <summary>The opening tags marked <paramref name="testId"/>.</summary>
    public static IReadOnlyList<string> Tags(string html, string testId) =>
        Regex.Matches(html, $"<\\w+[^>]*data-testid=\"{Regex.Escape(testId)}\"[^>]*>", RegexOptions.None, Timeout).Select(m => WebUtility.HtmlDecode(m.Value)).ToList();

    private static string Clean(string fragment) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(fragment, "<[^>]+>", " ", RegexOptions.None, Timeout)), @"\s+", " ", RegexOptions.None, Timeout).Trim();
}
