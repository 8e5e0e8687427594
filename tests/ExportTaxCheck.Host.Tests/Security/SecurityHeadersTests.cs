using System.Net;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// Every answer carries a Content-Security-Policy without inline script and with frame-ancestors 'none' (no page can be
/// framed and clickjacked), nosniff and a Referrer-Policy; Studio's page gets the policy its WebAssembly runtime needs.
/// </summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly HostFixture _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    [Theory]
    [InlineData("/signin", HttpStatusCode.OK)]
    [InlineData("/inbox", HttpStatusCode.Redirect)]
    [InlineData("/api/me", HttpStatusCode.Unauthorized)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task AnyAnswer_CarriesTheHeaders(string path, HttpStatusCode status)
    {
        using var response = await _host.Browser().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task SignedInPages_AreNotStored_StaticFilesAre()
    {
        var officer = await _host.SignedInBrowserAsync("customs.officer");

        using var page = await officer.GetAsync("/inbox");
        using var css = await officer.GetAsync("/css/site.css");

        Assert.True(page.Headers.CacheControl!.NoStore);
        Assert.False(css.Headers.CacheControl?.NoStore ?? false);
    }

    [Fact]
    public async Task StudioPage_AllowsWebAssembly_ButNoInlineScriptOrFraming()
    {
        var analyst = await _host.SignedInBrowserAsync("analyst");

        using var response = await analyst.GetAsync("/studio");

        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", policy.Replace("'wasm-unsafe-eval'", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
