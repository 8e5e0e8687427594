using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// Studio no longer hands every analyst the shared analyst key: its page carries the signed-in analyst's own token, which
/// works only while that session stands, is never cached, and goes only to the configured backend whatever Host header
/// the request had.
/// </summary>
public sealed class StudioCredentialTests : IAsyncLifetime
{
    private readonly HostFixture _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static JsonNode Config(string html) =>
        JsonNode.Parse(Regex.Match(html, "<script type=\"application/json\" id=\"studio-config\">(?<config>.*?)</script>", RegexOptions.Singleline).Groups["config"].Value)!;

    private async Task<HttpStatusCode> DefinitionsWithAsync(string token)
    {
        using var client = _host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", token);
        using var response = await client.GetAsync("/elsa/api/workflow-definitions");
        return response.StatusCode;
    }

    [Fact]
    public async Task StudioPage_CarriesTheAnalystsOwnToken_NotTheSharedKey_AndIsNotStored()
    {
        var analyst = await _host.SignedInBrowserAsync("analyst");

        using var page = await analyst.GetAsync("/studio");
        using var settings = await analyst.GetAsync("/studio/appsettings.json");

        var token = Config(await page.Content.ReadAsStringAsync())["apiKey"]!.GetValue<string>();
        Assert.StartsWith("studio.", token, StringComparison.Ordinal);
        Assert.DoesNotContain(HostFixture.AnalystKey, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(HostFixture.AnalystKey, await settings.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl!.NoStore);
        Assert.True(settings.Headers.CacheControl!.NoStore);
        Assert.Equal(HttpStatusCode.OK, await DefinitionsWithAsync(token));
    }

    [Fact]
    public async Task StudioToken_AfterTheAnalystSignsOut_IsRefused()
    {
        var analyst = await _host.SignedInBrowserAsync("analyst");
        var html = await analyst.GetStringAsync("/studio");
        var token = Config(html)["apiKey"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, await DefinitionsWithAsync(token));

        using var signOut = await analyst.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = HostFixture.AntiforgeryToken(await analyst.GetStringAsync("/inbox")) }));

        Assert.Equal(HttpStatusCode.Unauthorized, await DefinitionsWithAsync(token));
    }

    [Fact]
    public async Task StudioToken_PastTheSessionsEnd_IsRefused()
    {
        var analyst = await _host.SignedInBrowserAsync("analyst");
        var token = Config(await analyst.GetStringAsync("/studio"))["apiKey"]!.GetValue<string>();

        _host.Clock.Advance(TimeSpan.FromHours(8));

        Assert.Equal(HttpStatusCode.Unauthorized, await DefinitionsWithAsync(token));
    }

    [Fact]
    public async Task StudioToken_Forged_IsRefused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await DefinitionsWithAsync("studio.CfDJ8-forged-token"));
    }

    [Fact]
    public async Task StudioPage_WithAForeignHostHeader_IsRefused_AndNeverPointsStudioThere()
    {
        var analyst = await _host.SignedInBrowserAsync("analyst");
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/studio");
        forged.Headers.Host = "evil.example";

        using var response = await analyst.SendAsync(forged);
        var html = await analyst.GetStringAsync("/studio");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new Uri(analyst.BaseAddress!, "/elsa/api").ToString(), Config(html)["remoteEndpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task StudioBackend_FromConfiguration_IsWhatThePageNames_WhateverTheHostHeader()
    {
        await using var host = new HostFixture(new Dictionary<string, string?> { ["Studio:BackendUrl"] = "https://studio.etc.example.cn/elsa/api", ["AllowedHosts"] = "*" });
        var analyst = await host.SignedInBrowserAsync("analyst");
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/studio");
        forged.Headers.Host = "evil.example";

        using var response = await analyst.SendAsync(forged);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("https://studio.etc.example.cn/elsa/api", Config(html)["remoteEndpoint"]!.GetValue<string>());
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://studio.etc.example.cn;", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
