using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Api;

public class DescriptorsAndHostTests(DescriptorsAndHostTests.Shared shared) : IClassFixture<DescriptorsAndHostTests.Shared>
{
    private readonly HttpClient _client = shared.Client;

    public sealed class Shared : IAsyncLifetime
    {
        public HostFixture Host { get; } = new();
        public HttpClient Client { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Client = Host.Analyst();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Theory]
    [InlineData("Elsa.WriteLine", "Primitives", "Action", "Done")]
    [InlineData("Elsa.FlowDecision", "Branching", "Action", "True,False")]
    [InlineData("Elsa.Event", "Primitives", "Trigger", "Done")]
    [InlineData("Elsa.Timer", "Scheduling", "Trigger", "Done")]
    [InlineData("Elsa.End", "Flow", "Action", "")]
    [InlineData("ExportTaxCheck.HumanTask", "Human tasks", "Task", "")]
    public async Task ActivityDescriptors_DescribeEachActivityWithCategoryKindAndPorts(string typeName, string category, string kind, string ports)
    {
        var descriptors = await _client.GetJsonAsync("/elsa/api/descriptors/activities?Refresh=True");

        var descriptor = descriptors["items"]!.AsArray().Single(d => d!["typeName"]!.GetValue<string>() == typeName)!;
        Assert.Equal(category, descriptor["category"]!.GetValue<string>());
        Assert.Equal(kind, descriptor["kind"]!.GetValue<string>());
        Assert.Equal(ports, string.Join(",", descriptor["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>())));
        Assert.Equal(descriptors["items"]!.AsArray().Count, descriptors["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ActivityDescriptors_EnumInput_IsDropdownWithItems()
    {
        var join = await _client.GetJsonAsync("/elsa/api/descriptors/activities/Elsa.FlowJoin");

        var mode = join["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "Mode")!;
        Assert.Equal("dropdown", mode["uiHint"]!.GetValue<string>());
        Assert.Equal(["WaitAny", "WaitAll", "WaitAllActive"], mode["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()));
        Assert.Equal("WaitAny", mode["defaultValue"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ReviewScreening")]
    [InlineData("ReviewEvidence")]
    [InlineData("ConfirmMakeUp")]
    [InlineData("ReviewCertificateApplication")]
    [InlineData("VerifyPaperCertificate")]
    [InlineData("DecideClearance")]
    public async Task ActivityDescriptors_ReturnCaseTask_OffersItsFormAsAnInput_WithTheStepsFormAsDefault(string step)
    {
        var descriptor = await _client.GetJsonAsync("/elsa/api/descriptors/activities/ExportTaxCheck." + step);
        var type = typeof(ExportTaxCheck.Returns.Clearance.DecideClearance).Assembly.GetTypes().Single(t => t.Name == step);
        var expected = ((ExportTaxCheck.Engine.Tasks.HumanTaskActivity)Activator.CreateInstance(type)!).DefaultForm;

        var form = descriptor["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "Form")!;
        Assert.Equal("json-editor", form["uiHint"]!.GetValue<string>());
        Assert.False(form["isWrapped"]!.GetValue<bool>());
        Assert.NotNull(expected);
        Assert.True(JsonNode.DeepEquals(expected, form["defaultValue"]), form["defaultValue"]?.ToJsonString());
    }

    [Fact]
    public async Task ActivityDescriptors_TaskRoleInputs_OfferTheRolesOfTheConfiguration()
    {
        var task = await _client.GetJsonAsync("/elsa/api/descriptors/activities/ExportTaxCheck.HumanTask");

        Assert.Equal("TaxOfficer, CustomsOfficer, Supervisor; default TaxOfficer", RoleInput(task, "CandidateRole"));
        Assert.Equal("Supervisor, TaxOfficer, CustomsOfficer; default Supervisor", RoleInput(task, "EscalateTo"));
    }

    [Fact]
    public async Task ActivityDescriptors_OtherConfiguredRoles_AreOfferedInstead()
    {
        await using var host = new HostFixture(new Dictionary<string, string?>
        {
            ["Tasks:Roles:0"] = "Clerk", ["Tasks:Roles:1"] = "Auditor", ["Tasks:Roles:2"] = "Head", ["Tasks:EscalationRole"] = "Head",
        });

        var task = await host.Analyst().GetJsonAsync("/elsa/api/descriptors/activities/ExportTaxCheck.HumanTask");

        Assert.Equal("Clerk, Auditor, Head; default Clerk", RoleInput(task, "CandidateRole"));
        Assert.Equal("Head, Clerk, Auditor; default Head", RoleInput(task, "EscalateTo"));
    }

    /// <summary>"option, option; default option" of a dropdown input.</summary>
    private static string RoleInput(JsonNode descriptor, string name)
    {
        var input = descriptor["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == name)!;
        Assert.Equal("dropdown", input["uiHint"]!.GetValue<string>());
        var options = input["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>());
        return $"{string.Join(", ", options)}; default {input["defaultValue"]!.GetValue<string>()}";
    }

    [Fact]
    public async Task ActivityDescriptors_OutputsAreListed()
    {
        var evt = await _client.GetJsonAsync("/elsa/api/descriptors/activities/Elsa.Event");

        Assert.Equal("Result", evt["outputs"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("EventName", evt["inputs"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("singleline", evt["inputs"]![0]!["uiHint"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/elsa/api/descriptors/expression-descriptors")]
    [InlineData("/elsa/api/descriptors/workflow-activation-strategies")]
    [InlineData("/elsa/api/descriptors/log-persistence-strategies")]
    [InlineData("/elsa/api/descriptors/incident-strategies")]
    [InlineData("/elsa/api/descriptors/commit-strategies/workflows")]
    [InlineData("/elsa/api/descriptors/commit-strategies/activities")]
    [InlineData("/elsa/api/descriptors/storage-drivers")]
    [InlineData("/elsa/api/descriptors/variables")]
    public async Task StudioStartupEndpoints_AnswerWithItems(string url)
    {
        var response = await _client.GetJsonAsync(url);

        Assert.NotEmpty(response["items"]!.AsArray());
    }

    [Fact]
    public async Task Health_IsAnonymousAndHealthy()
    {
        using var anonymous = new HttpClient { BaseAddress = _client.BaseAddress };

        var response = await anonymous.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheElsaEndpoints()
    {
        var document = await _client.GetJsonAsync("/openapi/v1.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/elsa/api/workflow-definitions/{definitionId}/execute", paths);
        Assert.Contains("/elsa/api/tasks/{taskId}/complete", paths);
        Assert.Contains("/elsa/api/events/{eventName}/trigger", paths);
    }
}
