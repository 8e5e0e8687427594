using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// What went wrong between Studio and our API on a page: answers of 400 and above from /elsa/api, and console errors
/// that name the API or an error status. A test asserts there were none once it has done its steps.
/// </summary>
public sealed class StudioErrors
{
    private readonly List<string> _api = [];
    private readonly List<string> _console = [];

    public static StudioErrors Watch(IPage page)
    {
        var errors = new StudioErrors();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && new Uri(response.Url).AbsolutePath.StartsWith("/elsa/api", StringComparison.Ordinal))
                errors._api.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors._console.Add(message.Text + " @ " + message.Location);
        };
        return errors;
    }

    public void AssertNone()
    {
        Assert.True(_api.Count == 0, "Studio's calls that failed:\n" + string.Join("\n", _api));
        var fromOurApi = _console.Where(e => e.Contains("/elsa/api", StringComparison.Ordinal) || e.Contains("status of 4", StringComparison.Ordinal)
                                             || e.Contains("status of 5", StringComparison.Ordinal) || e.Contains("Exception", StringComparison.Ordinal)).ToList();
        Assert.True(fromOurApi.Count == 0, "Studio's console errors:\n" + string.Join("\n", fromOurApi));
    }
}
