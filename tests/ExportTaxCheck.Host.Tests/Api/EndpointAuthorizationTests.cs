using System.Net;
using System.Text.RegularExpressions;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>Every endpoint the Host maps refuses a caller without credentials, except the few meant to be public.</summary>
public sealed class EndpointAuthorizationTests : IAsyncLifetime
{
    private readonly HostFixture _host = new(new Dictionary<string, string?> { ["Workers:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The route with its parameters filled in with values their constraints accept.</summary>
    private static string PathOf(RouteEndpoint endpoint) =>
        "/" + Regex.Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), @"\{[^}]+\}", m => m.Value.Contains(":guid") ? Guid.Empty.ToString() : m.Value.Contains(":int") ? "1" : "x1");

    [Fact]
    public async Task EveryApiEndpoint_WithoutCredentials_Is401_AndEveryPage_RedirectsToSignIn()
    {
        var anonymous = _host.Browser();
        var endpoints = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var checkedCount = 0;
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null)
                continue;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var path = PathOf(endpoint);
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = HttpJson.Json("{}") };
                using var response = await anonymous.SendAsync(request);
                var isApi = new[] { "/api", "/elsa", "/customs", "/tax" }.Any(p => path.StartsWith(p, StringComparison.Ordinal));
                if (isApi)
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
                else
                    Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized && response.Headers.Location?.AbsolutePath is "/signin" or null,
                        $"{method} {path} answered {(int)response.StatusCode} {response.Headers.Location}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 60, $"only {checkedCount} endpoints were checked");

        var publicOnes = endpoints.Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null || e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimStart('/')).ToList();
        Assert.All(publicOnes, p => Assert.Matches(@"^(health|metrics|openapi/.*|studio.*|signin|SignIn|denied|Denied|language|Language|_framework.*|)$", p));
    }

    [Theory]
    [InlineData(HostFixture.TaxOfficerKey, "/elsa/api/workflow-definitions", "/elsa/api/tasks/")]
    [InlineData(HostFixture.ExporterKey, "/api/tasks", null)]
    [InlineData(HostFixture.ExporterKey, "/elsa/api", null)]
    [InlineData(HostFixture.AnalystKey, "/api/cases/x1/withdraw", null)]
    [InlineData(HostFixture.CustomsOfficerKey, "/tax/api", null)]
    public async Task KeyWithoutTheRole_Is403_OnEveryEndpointOfTheArea(string key, string area, string? except)
    {
        var client = _host.WithKey(key);
        var endpoints = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => PathOf(e).StartsWith(area, StringComparison.Ordinal) && (except is null || !PathOf(e).StartsWith(except, StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var path = PathOf(endpoint);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = HttpJson.Json("{}") };
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode}");
            }
        }
    }
}
