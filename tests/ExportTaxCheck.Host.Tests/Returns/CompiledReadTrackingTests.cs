using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// The certificate reads are compiled once per process, and a compiled query keeps the tracking of the context it first
/// ran on. A step's registry must be tracked whatever ran first, or the certificate it issues is never saved while the
/// case already says "issued" (the tax side and the customs side would disagree); a view's must not be, whatever ran first.
/// </summary>
public sealed class CompiledReadTrackingTests : IAsyncLifetime
{
    private const string Decl = "530020260019871234";
    private HostFixture _host = null!;
    private CaseDriver _cases = null!;

    public Task InitializeAsync()
    {
        _host = new HostFixture().WithProductFlows();
        _cases = new CaseDriver(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CertificateReads_ViewThenStepThenView_EachTracksAsItsContextSays()
    {
        var caseId = await _cases.OpenUnsoldCaseAsync(Decl);
        await _cases.ThroughCertificateAsync(caseId);
        var factory = _host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();

        var firstView = await TrackedAfterLoadAsync(factory, caseId, QueryTrackingBehavior.NoTracking);
        var step = await TrackedAfterLoadAsync(factory, caseId, QueryTrackingBehavior.TrackAll);
        var secondView = await TrackedAfterLoadAsync(factory, caseId, QueryTrackingBehavior.NoTracking);

        Assert.Equal(0, firstView);
        Assert.True(step > 0, "a step's certificates are tracked, so what it changes is saved");
        Assert.Equal(0, secondView);
    }

    /// <summary>How many certificate rows the context tracks after the store loaded the case's registry.</summary>
    private static async Task<int> TrackedAfterLoadAsync(IDbContextFactory<WorkflowDbContext> factory, string caseId, QueryTrackingBehavior tracking)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.ChangeTracker.QueryTrackingBehavior = tracking;
        var registry = await new CertificateStore(db).LoadForCaseAsync(caseId, default);
        Assert.NotEmpty(registry.Certificates);
        return db.ChangeTracker.Entries<CertificateRecord>().Count();
    }
}
