using System.Net;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// Sessions can be taken back: a cookie copied before sign-out, a disabled officer's and one whose roles changed stop
/// working, and no session outlives its absolute lifetime however busy it is.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private readonly HostFixture _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<HttpStatusCode> MeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me");
        return response.StatusCode;
    }

    /// <summary>A second client that sends only a copy of <paramref name="cookies"/>' sign-in cookie, as an attacker who copied it would.</summary>
    private HttpClient Copy(CookieContainer cookies)
    {
        var copy = _host.Anonymous();
        copy.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(copy.BaseAddress!));
        return copy;
    }

    private async Task SignOutAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/inbox");
        using var signOut = await browser.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = HostFixture.AntiforgeryToken(page) }));
        Assert.True(signOut.StatusCode == HttpStatusCode.Redirect, $"{signOut.StatusCode}: {await signOut.Content.ReadAsStringAsync()}");
    }

    /// <summary>What a restart with changed configuration does: the officer's roles or enabled flag change.</summary>
    private async Task SeedAsync(string userName, string role, bool enabled = true)
    {
        var officers = _host.Services.GetRequiredService<OfficerDirectory>();
        var hash = (await officers.FindAsync(userName, default))!.PasswordHash;
        await officers.SeedAsync([new ConfiguredUser { UserName = userName, DisplayName = userName, Roles = [role], Enabled = enabled, PasswordHash = hash }], default);
    }

    [Fact]
    public async Task CookieCopiedBeforeSignOut_IsRefusedAfterIt()
    {
        var cookies = new CookieContainer();
        var officer = await _host.SignedInBrowserAsync("customs.officer", cookies);
        using var stolen = Copy(cookies);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(stolen));

        await SignOutAsync(officer);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(stolen));
        // The page sends the copy to the sign-in form (this client follows the redirect).
        using var page = await stolen.GetAsync("/inbox");
        Assert.Equal("/signin", page.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task DisablingAnOfficer_EndsTheirSession_WithinTheRecheckInterval()
    {
        var officer = await _host.SignedInBrowserAsync("tax.officer2");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(officer));

        await SeedAsync("tax.officer2", "TaxOfficer", enabled: false);
        _host.Clock.Advance(new OfficerSessionOptions().RecheckAfter);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(officer));
    }

    [Fact]
    public async Task ChangingAnOfficersRoles_EndsTheirSession()
    {
        var officer = await _host.SignedInBrowserAsync("supervisor");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(officer));

        await SeedAsync("supervisor", "TaxOfficer");
        _host.Clock.Advance(new OfficerSessionOptions().RecheckAfter);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(officer));
    }

    [Fact]
    public async Task BusySession_EndsAtItsAbsoluteLifetime()
    {
        var officer = await _host.SignedInBrowserAsync("tax.officer");
        for (var hour = 1; hour < 8; hour++)
        {
            _host.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, await MeAsync(officer));
        }

        _host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(officer));
    }
}
