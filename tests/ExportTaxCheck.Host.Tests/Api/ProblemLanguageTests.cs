using System.Net;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>Issue 18: API problems read in the caller's Accept-Language (Chinese when it names none); the code never changes.</summary>
public sealed class ProblemLanguageTests : IAsyncLifetime
{
    private readonly HostFixture _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Code, string Title, string Detail)> MissingCaseAsync(string? language)
    {
        using var client = _host.WithKey(HostFixture.ExporterKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases/RC-2026-999999");
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        var problem = await response.ReadJsonAsync();
        return (response.StatusCode, problem["code"]!.GetValue<string>(), problem["title"]!.GetValue<string>(), problem["detail"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task MissingCase_IsTitledInTheCallersLanguage_WithTheSameCode()
    {
        var english = await MissingCaseAsync("en-US,en;q=0.9");
        var chinese = await MissingCaseAsync("zh-CN,zh;q=0.9");
        var unspecified = await MissingCaseAsync(null);

        Assert.All(new[] { english, chinese, unspecified }, p => Assert.Equal((HttpStatusCode.NotFound, "CASE_NOT_FOUND"), (p.Status, p.Code)));
        Assert.Equal(DisplayTexts.Problem("CASE_NOT_FOUND", DisplayTexts.English), english.Title);
        Assert.Equal(DisplayTexts.Problem("CASE_NOT_FOUND", DisplayTexts.Chinese), chinese.Title);
        Assert.Equal(chinese.Title, unspecified.Title);
        Assert.NotEqual(english.Title, chinese.Title);
    }

    [Fact]
    public async Task UnknownRoute_GetsAChineseTitleByItsStatus()
    {
        using var client = _host.WithKey(HostFixture.ExporterKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases/RC-2026-999999/no-such-thing");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", problem["code"]!.GetValue<string>());
        Assert.Equal(DisplayTexts.Problem("NOT_FOUND", DisplayTexts.Chinese), problem["title"]!.GetValue<string>());
    }
}
