using System.Net;
using System.Text;
using ExportTaxCheck.Host.Security;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// The guard's rules over HTTP, as a browser would send them (<see cref="CrossSiteRequestBrowserTests"/> shows them in
/// Chromium): a signed-in officer's command from another origin, or as text/plain or a form, is refused before it runs;
/// the same command from the Host's own pages, or with an API key, runs.
/// </summary>
public sealed class CrossSiteRequestGuardTests : IAsyncLifetime
{
    private const string Decl = "530020260020123456";
    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;
    private string _taskId = "";
    private HttpClient _officer = null!;
    private string _origin = "";

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 500), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        _taskId = await _cases.OpenTaskAsync(caseId, "ReviewEvidence");
        _officer = await _host.SignedInBrowserAsync("customs.officer");
        _origin = _officer.BaseAddress!.GetLeftPart(UriPartial.Authority);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> CommentAsync(string? site, string? origin, string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{_taskId}/comments") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        if (site is not null)
            request.Headers.Add("Sec-Fetch-Site", site);
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return await _officer.SendAsync(request);
    }

    private async Task<int> CommentsAsync() => (await _cases.Customs.GetJsonAsync($"/api/tasks/{_taskId}"))["comments"]!.AsArray().Count;

    [Theory]
    [InlineData("same-site", "http://127.0.0.1:1", "application/json", HttpStatusCode.Forbidden)]
    [InlineData("cross-site", "https://evil.example", "application/json", HttpStatusCode.Forbidden)]
    [InlineData(null, "http://127.0.0.1:1", "application/json", HttpStatusCode.Forbidden)]
    [InlineData(null, "null", "application/json", HttpStatusCode.Forbidden)]
    [InlineData("same-origin", null, "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("same-origin", null, "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData(null, null, "application/json", HttpStatusCode.Forbidden)]
    public async Task CookieCommand_FromAnotherOriginOrNotJson_IsRefusedAndWritesNothing(string? site, string? origin, string contentType, HttpStatusCode expected)
    {
        using var response = await CommentAsync(site, origin, "{\"text\":\"forged\"}", contentType);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await CommentsAsync());
    }

    [Fact]
    public async Task CookieCommand_FromTheHostsOwnOrigin_Runs()
    {
        using var bySite = await CommentAsync("same-origin", _origin, "{\"text\":\"from the workspace\"}", "application/json");
        using var byOrigin = await CommentAsync(null, _origin, "{\"text\":\"from an older browser\"}", "application/json");

        Assert.Equal(HttpStatusCode.OK, bySite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOrigin.StatusCode);
        Assert.Equal(2, await CommentsAsync());
    }

    [Theory]
    [InlineData("same-site", HttpStatusCode.Forbidden)]
    [InlineData("cross-site", HttpStatusCode.Forbidden)]
    [InlineData("same-origin", HttpStatusCode.Forbidden)]
    public async Task StateChangingGet_WithTheCookie_IsGuardedLikeAPost(string site, HttpStatusCode expectedForOfficer)
    {
        // Elsa's GET retry changes state: from another port (an image tag) it is refused before it runs; from the Host's
        // own origin it reaches the endpoint, which a customs officer may not use (analysts and supervisors only).
        using var request = new HttpRequestMessage(HttpMethod.Get, "/elsa/api/alterations/workflows/retry?workflowInstanceIds=none");
        request.Headers.Add("Sec-Fetch-Site", site);
        using var response = await _officer.SendAsync(request);

        Assert.Equal(expectedForOfficer, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(site != "same-origin", problem.Contains(CrossSiteRequestGuard.Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PageForm_FromAnotherPort_IsRefusedEvenWithItsToken()
    {
        var token = HostFixture.AntiforgeryToken(await _officer.GetStringAsync($"/tasks/{_taskId}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/tasks/{_taskId}?handler=Comment")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "forged", ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-site");

        using var response = await _officer.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await CommentsAsync());
    }
}
