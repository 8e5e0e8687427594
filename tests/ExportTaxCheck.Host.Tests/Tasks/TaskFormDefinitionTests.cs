using System.Net;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Tasks;

/// <summary>
/// The return case's task forms come from the definition: an analyst's label shows on the task page in both languages and
/// in the server's validation, while a form that drops or retypes a field the step reads is refused at publish.
/// </summary>
public sealed class TaskFormDefinitionTests : IAsyncLifetime
{
    private const string Decl = "530020260016789012";
    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;

    public Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The shipped return-case flow with <paramref name="change"/> applied to the form of activity <paramref name="activityId"/>.</summary>
    private static JsonObject ShippedFlowWith(string activityId, Action<JsonArray> change)
    {
        var flow = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(HostFixture.RepositoryRoot, "workflows-json", "export-return-case.json")))!;
        flow.Remove("id");
        flow.Remove("version");
        var node = flow["root"]!["activities"]!.AsArray().OfType<JsonObject>().Single(a => a["id"]!.GetValue<string>() == activityId);
        change(node["form"]!.AsArray());
        return flow;
    }

    private static JsonObject Field(JsonArray form, string name) => form.OfType<JsonObject>().Single(f => f["name"]!.GetValue<string>() == name);

    private Task<HttpResponseMessage> SaveAsync(JsonObject flow, bool publish) =>
        _cases.Analyst.PostAsync("/elsa/api/workflow-definitions", HttpJson.Json(new JsonObject { ["model"] = flow.DeepClone(), ["publish"] = publish }));

    [Fact]
    public async Task LabelChangedInTheDefinition_ShowsOnTheTaskPage_InBothLanguages_AndTheServerValidatesWithIt()
    {
        var flow = ShippedFlowWith("reviewEvidence", form =>
        {
            var reasons = Field(form, "reasons");
            reasons["label"] = new JsonObject { ["en"] = "Grounds for the decision", ["zh-CN"] = "决定依据" };
            reasons["description"] = new JsonObject { ["en"] = "Tick what is missing or wrong.", ["zh-CN"] = "勾选缺少或不符的项目。" };
            form.Insert(0, new JsonObject { ["name"] = "fileRef", ["label"] = "File reference", ["type"] = "text", ["pattern"] = @"^R\d{4}$" });
        });
        using var published = await SaveAsync(flow, publish: true);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 1000));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 300, "CustomerReturn", "2026-08-20")],
            [CaseDriver.Document("PlatformReturnRecord", Decl), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewEvidence");

        var officer = await _host.SignedInBrowserAsync("customs.officer");
        foreach (var (language, label, help) in new[] { ("zh-CN", "决定依据", "勾选缺少或不符的项目。"), ("en-US", "Grounds for the decision", "Tick what is missing or wrong.") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/tasks/{taskId}");
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await officer.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(label, html, StringComparison.Ordinal);
            Assert.Contains(help, html, StringComparison.Ordinal);
            Assert.Contains("name=\"data.fileRef\"", html, StringComparison.Ordinal);
            Assert.True(html.IndexOf("data.fileRef", StringComparison.Ordinal) < html.IndexOf("data.reasons", StringComparison.Ordinal), "The definition's order is the page's order.");
        }

        using var refused = await CompleteAsync(taskId, "RequestSupplement", new JsonObject { ["fileRef"] = "not-a-ref" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal("Grounds for the decision is required.", problem["errors"]!["reasons"]![0]!.GetValue<string>());
        Assert.Equal("File reference has the wrong format.", problem["errors"]!["fileRef"]![0]!.GetValue<string>());
        Assert.Equal("EvidenceReview", CaseDriver.Status(await _cases.GetAsync(caseId)));

        using var accepted = await CompleteAsync(taskId, "Accept", new JsonObject { ["fileRef"] = "R0042" });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        Assert.NotEqual("EvidenceReview", CaseDriver.Status(await _cases.GetAsync(caseId)));
    }

    private async Task<HttpResponseMessage> CompleteAsync(string taskId, string outcome, JsonObject data)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/elsa/api/tasks/{taskId}/complete")
        {
            Content = HttpJson.Json(new JsonObject { ["result"] = new JsonObject { ["outcome"] = outcome, ["data"] = data } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        return await _cases.Customs.SendAsync(request);
    }

    [Theory]
    [InlineData("confirmMakeUp", "method", "drop")]
    [InlineData("reviewEvidence", "reasons", "retype")]
    [InlineData("decideClearance", "lines", "loosen")]
    public async Task FormThatBreaksAFieldTheStepReads_IsRefusedAtPublish_NamingTheActivityAndTheField(string activityId, string field, string change)
    {
        var flow = ShippedFlowWith(activityId, form =>
        {
            var found = Field(form, field);
            switch (change)
            {
                case "drop":
                    form.Remove(found);
                    break;
                case "retype":
                    found["type"] = "text";
                    break;
                default:
                    found.Remove("widget");
                    break;
            }
        });

        using var publish = await SaveAsync(flow, publish: true);
        using var draft = await SaveAsync(flow, publish: false);

        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        var errors = (await publish.ReadJsonAsync())["errors"]!.AsArray();
        var error = Assert.Single(errors, e => e!["code"]!.GetValue<string>() == "FormFieldRequired");
        Assert.Equal(activityId, error!["activityId"]!.GetValue<string>());
        Assert.Contains($"'{field}'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"'{activityId}'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Contains((await draft.ReadJsonAsync())["validationErrors"]!.AsArray(), e => e!.GetValue<string>().Contains($"'{field}'", StringComparison.Ordinal));
    }
}
