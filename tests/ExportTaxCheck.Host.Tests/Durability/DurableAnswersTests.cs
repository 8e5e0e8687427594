using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Durability;

/// <summary>
/// A command is answered once what it committed is on disk: the log is written to disk before its answer starts. A read
/// writes nothing. The workers are off, so no write of the log but the answers' own is counted.
/// </summary>
public sealed class DurableAnswersTests : IAsyncLifetime
{
    private const string Decl = "530020260019877001";
    private readonly HostFixture _host = new HostFixture(new Dictionary<string, string?> { ["Workers:Enabled"] = "false" }).WithProductFlows();
    private CaseDriver _cases = null!;

    public Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ACommandsAnswer_ComesAfterAWriteOfTheLogToDisk_AReadsWithoutOne()
    {
        var commits = _host.Services.GetRequiredService<DurableCommits>();
        Assert.NotNull(commits.Log);
        await _cases.LoadAsync(CaseData.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));

        var beforeCreate = commits.Syncs;
        var created = await _cases.CreateAsync(CaseData.Case([CaseData.Line(Decl, 500, "Unsold", "2026-08-20")],
            [CaseData.Document("SelfDeclaration", Decl, 500), CaseData.Document("ExportDeclaration", Decl)]));
        var afterCreate = commits.Syncs;
        await _cases.GetAsync(created["caseId"]!.GetValue<string>());

        Assert.True(afterCreate > beforeCreate, $"the log was written to disk before the case's answer ({beforeCreate} → {afterCreate})");
        Assert.Equal(afterCreate, commits.Syncs);
    }

    [Fact]
    public async Task ARefusedCommand_IsAnsweredAfterTheLogIsOnDisk_Too()
    {
        var commits = _host.Services.GetRequiredService<DurableCommits>();
        var before = commits.Syncs;

        using var response = await _cases.Exporter.PostAsync("/api/cases", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(commits.Syncs > before, "an error answer waits for the log as well: a command may have committed part of its work");
    }
}
