using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// Command answers carry the case as the flow left it and the ids of its open tasks, and a task's completion answers
/// its case too: a client runs a case to Closed with one request per command, no reads in between.
/// </summary>
public sealed class CommandAnswerTests : IAsyncLifetime
{
    private const string Decl = "530020260033456789";
    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;

    public Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CaseRunsToClosed_OnCommandAnswersAlone()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var created = await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 500), CaseDriver.Document("ExportDeclaration", Decl)]));
        var caseId = created["caseId"]!.GetValue<string>();

        var reviewed = await CompleteAsync(_cases.Customs, created, "ReviewEvidence", "Accept");
        Assert.Equal("CertificateApplication", CaseDriver.Status(reviewed["case"]!));
        Assert.Equal(Ids(reviewed["case"]!["openTaskIds"]!), Ids(reviewed["nextTaskIds"]!));

        var applied = await _cases.ApplyAsync(caseId, Decl, "NotRefunded", "NotDeclared", idempotencyKey: "apply-" + caseId);
        var issued = await CompleteAsync(_cases.Tax, applied, "ReviewCertificateApplication", "Approve");
        Assert.Equal("CertificateIssued", CaseDriver.Status(issued["case"]!));
        var certificateNo = CaseDriver.CertificateNo(issued["case"]!);

        var declared = await _cases.FileDeclarationAsync(caseId, CaseDriver.Declaration(certificateNo, 500, "2026-08-20", 10000m, 7.1200m, 0.08m, Decl), "declare-" + caseId);
        var cleared = await CompleteAsync(_cases.Customs, declared, "DecideClearance", "Record");

        Assert.Equal("Closed", CaseDriver.Status(cleared["case"]!));
        Assert.Empty(cleared["nextTaskIds"]!.AsArray());
        Assert.Equal(caseId, cleared["correlationId"]!.GetValue<string>());
        // The answer as a read gives it: the same case.
        Assert.Equal(CaseDriver.Status(await _cases.GetAsync(caseId)), CaseDriver.Status(cleared["case"]!));
    }

    /// <summary>Completes the one open task of <paramref name="activityType"/> named in a command's answer, through the task API.</summary>
    private static async Task<JsonNode> CompleteAsync(HttpClient officer, JsonNode answer, string activityType, string outcome)
    {
        var open = Ids(answer["openTaskIds"]!);
        var task = Assert.Single(answer["tasks"]!.AsArray(), t => open.Contains(t!["id"]!.GetValue<string>()) && t["activityType"]!.GetValue<string>() == "ExportTaxCheck." + activityType)!;
        var taskId = task["id"]!.GetValue<string>();
        return await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = outcome, ["data"] = new JsonObject() }, idempotencyKey: "complete-" + taskId);
    }

    private static List<string> Ids(JsonNode ids) => ids.AsArray().Select(id => id!.GetValue<string>()).ToList();
}
