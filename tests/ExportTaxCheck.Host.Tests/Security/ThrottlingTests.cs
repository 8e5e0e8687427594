using System.Net;
using System.Net.Http.Headers;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// Guessing is throttled per client address by ASP.NET Core's rate limiter: sign-in posts and failed API keys past the
/// minute's allowance are answered 429 without a password or key being checked; the sign-in page tells nobody whether a
/// user exists or is locked; keys are compared as fixed-length digests.
/// </summary>
public sealed class ThrottlingTests : IAsyncLifetime
{
    private const int Allowance = 5;
    private readonly HostFixture _host = new(new Dictionary<string, string?>
    {
        ["Auth:Throttling:SignInsPerMinute"] = Allowance.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Auth:Throttling:FailedApiKeysPerMinute"] = Allowance.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password)
    {
        var form = await browser.GetStringAsync("/signin");
        return await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["__RequestVerificationToken"] = HostFixture.AntiforgeryToken(form),
        }));
    }

    [Fact]
    public async Task SignIn_PastTheAllowancePerAddress_Is429_EvenWithTheRightPassword()
    {
        var browser = _host.Browser();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < Allowance; i++)
        {
            using var wrong = await SignInAsync(browser, "nobody-" + i, "guess");
            answers.Add(wrong.StatusCode);
        }

        using var right = await SignInAsync(browser, "customs.officer", HostFixture.Password);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.NotNull(right.Headers.RetryAfter);
        Assert.Equal("TOO_MANY_REQUESTS", (await right.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignInPage_UnknownUserAndWrongPassword_ReadTheSame()
    {
        var browser = _host.Browser();
        // In English, so the page's words are the directory's own.
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var unknown = await SignInAsync(browser, "nobody", "guess");
        using var wrong = await SignInAsync(browser, "tax.officer", "guess");

        var message = System.Net.WebUtility.HtmlEncode(OfficerDirectory.RefusedMessage);
        Assert.Contains(message, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(message, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongApiKeys_PastTheAllowance_Are429_AndEvenAValidKeyIsNotCheckedForTheRestOfTheMinute()
    {
        using var guesser = _host.Anonymous();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < Allowance; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", "guess-" + i + "-0123456789abcdef");
            using var response = await guesser.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        using var valid = _host.WithKey(HostFixture.TaxOfficerKey);
        using var blocked = await valid.GetAsync("/api/me");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
    }

    [Fact]
    public async Task ApiKey_PrefixOrExtensionOfARealKey_IsRefused_AndEveryDigestHasOneLength()
    {
        using var prefix = _host.WithKey(HostFixture.TaxOfficerKey[..^1]);
        using var longer = _host.WithKey(HostFixture.TaxOfficerKey + "0");

        Assert.Equal(HttpStatusCode.Unauthorized, (await prefix.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await longer.GetAsync("/api/me")).StatusCode);
        Assert.Equal([32], new[] { "", "k", HostFixture.TaxOfficerKey, new string('k', 10_000) }.Select(k => ApiKeyAuthenticationHandler.Digest(k).Length).Distinct());
    }
}
