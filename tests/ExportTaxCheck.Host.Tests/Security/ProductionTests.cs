using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// In Production the Host will not start with the development keys or the README's demo passwords (and says which setting),
/// and keeps its OpenAPI document and stack traces to itself.
/// </summary>
public sealed class ProductionTests
{
    private static HostFixture Production(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["environment"] = "Production" };
        return new HostFixture(all);
    }

    [Fact]
    public async Task Production_WithADevelopmentKey_RefusesToStart_NamingTheSetting()
    {
        await using var host = Production(new() { ["Auth:ApiKeys:7:Key"] = "dev-analyst-key-change-me", ["Auth:ApiKeys:7:Name"] = "analyst", ["Auth:ApiKeys:7:Roles:0"] = "Analyst" });

        var error = Assert.ThrowsAny<Exception>(() => host.Anonymous());

        var refusal = Assert.IsType<OptionsValidationException>(error is OptionsValidationException ? error : error.InnerException ?? error);
        Assert.Contains("Auth:ApiKeys:7:Key ('analyst') is a development key", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithADemoPassword_RefusesToStart_NamingTheSetting()
    {
        await using var host = Production(new() { ["Auth:Users:2:PasswordHash"] = PasswordHashing.Hash("customs-demo-2026") });

        var error = Assert.ThrowsAny<Exception>(() => host.Anonymous());

        var refusal = Assert.IsType<OptionsValidationException>(error is OptionsValidationException ? error : error.InnerException ?? error);
        Assert.Contains("Auth:Users:2:PasswordHash ('customs.officer') is the hash of a demo password", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_HidesTheOpenApiDocumentAndStackTraces_DevelopmentShowsThem()
    {
        await using var production = Production();
        await using var development = new HostFixture();

        Assert.Equal(HttpStatusCode.NotFound, (await production.Analyst().GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await development.Analyst().GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Null((await FaultAsync(production))["stackTrace"]);
        Assert.NotNull((await FaultAsync(development))["stackTrace"]);
    }

    /// <summary>The exception of the incident of a flow whose JavaScript throws.</summary>
    private static async Task<JsonNode> FaultAsync(HostFixture host)
    {
        var analyst = host.Analyst();
        var flow = Flows.Flowchart("throws", [new JsonObject
        {
            ["id"] = "boom", ["type"] = "Elsa.WriteLine", ["text"] = Flows.Input("String", "JavaScript", "throw new Error('no');"),
        }], []);
        await analyst.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = flow, ["publish"] = true });
        var run = await analyst.PostJsonAsync("/elsa/api/workflow-definitions/throws/execute", new JsonObject());
        return run["workflowState"]!["incidents"]![0]!["exception"]!;
    }
}
