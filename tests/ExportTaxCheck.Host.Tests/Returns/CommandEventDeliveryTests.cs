using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// The event a case command raises is delivered by the step that resumes the waiting flow, marked delivered in that
/// step's commit: no second command and no idempotency record of its own, and a second delivery does nothing.
/// </summary>
public sealed class CommandEventDeliveryTests : IAsyncLifetime
{
    private const string Decl = "530020260032345678";
    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;

    public Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CertificateApplication_MovesTheFlowInOneStep_EventMarkedDeliveredWithoutIdempotencyRecord()
    {
        var caseId = await ReviewedCaseAsync();

        var applied = await _cases.ApplyAsync(caseId, Decl, "NotRefunded", "NotDeclared", idempotencyKey: "apply-" + caseId);

        Assert.Equal("CertificateApplication", CaseDriver.Status(applied));
        Assert.Contains((await _cases.GetAsync(caseId))["tasks"]!.AsArray(), t => t!["activityType"]!.GetValue<string>() == "ExportTaxCheck.ReviewCertificateApplication");
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var events = await db.PendingEvents.AsNoTracking().Where(e => e.CorrelationId == caseId).ToListAsync();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.NotNull(e.ProcessedAt));
        Assert.False(await db.IdempotencyKeys.AnyAsync(k => k.Key.StartsWith("event-delivery:")));
    }

    [Fact]
    public async Task EventDeliveredTwice_ResumesTheFlowOnce()
    {
        var caseId = await ReviewedCaseAsync();
        await _cases.ApplyAsync(caseId, Decl, "NotRefunded", "NotDeclared");
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var delivered = await db.PendingEvents.AsNoTracking().Where(e => e.CorrelationId == caseId).OrderBy(e => e.CreatedAt).LastAsync();
        var stepsBefore = await db.ActivityExecutions.CountAsync();

        // The worker's sweep racing the command: the same event row again, as if it were still pending.
        delivered.ProcessedAt = null;
        var again = await _host.Services.GetRequiredService<RuntimeSweeps>().DeliverPendingEventAsync(delivered, CancellationToken.None);

        Assert.NotNull(again);
        Assert.Empty(again.Resumed);
        Assert.Equal(stepsBefore, await db.ActivityExecutions.CountAsync());
        Assert.Equal("CertificateApplication", CaseDriver.Status(await _cases.GetAsync(caseId)));
    }

    private async Task<string> ReviewedCaseAsync()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 500), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        await _cases.CompleteAsync(_cases.Customs, caseId, "ReviewEvidence", "Accept");
        return caseId;
    }
}
