using ExportTaxCheck.Engine.Clock;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ExportTaxCheck.Engine.Tests.Runtime;

/// <summary>
/// The sweeps' leases on runnable instances and due timers are spans of real time under simulated time too: a node whose
/// simulated clock is days ahead does not take what another node is running, and a lease taken in simulated time is over.
/// </summary>
public sealed class SimulatedTimeLeaseTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;
    private AdjustableClock _simulated = null!;

    public async Task InitializeAsync() =>
        _engine = await EngineFixture.CreateAsync(services =>
        {
            var real = (FakeTimeProvider)services.Last(d => d.ServiceType == typeof(TimeProvider)).ImplementationInstance!;
            _simulated = new AdjustableClock(real);
            services.AddSingleton<TimeProvider>(_simulated);
        });

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task RunnableInstance_ClaimedByANode_IsNotTakenByOneDaysAheadInSimulatedTime_UntilTheRealLeaseLapses()
    {
        await _engine.PublishAsync(new FlowBuilder("leased").WriteLine("a", "ran").Build());
        var dispatched = await _engine.Runtime.DispatchAsync(new StartWorkflowRequest("leased"), default);
        var first = await _engine.Sweeps.ClaimRunnableAsync(10, default);

        _simulated.UseOffset(TimeSpan.FromDays(4));
        var whileLeased = await _engine.Sweeps.ClaimRunnableAsync(10, default);
        _engine.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var afterLapse = await _engine.Sweeps.ClaimRunnableAsync(10, default);

        Assert.Equal([dispatched.InstanceId], first);
        Assert.Empty(whileLeased);
        Assert.Equal([dispatched.InstanceId], afterLapse);
    }

    [Fact]
    public async Task DueTimer_IsNotFiredUnderAnotherNodesLease_AndALeaseTakenInSimulatedTimeIsOver()
    {
        await _engine.PublishNapAsync("nap", "1.00:00:00");
        var started = await _engine.StartAsync("nap");
        // Two days on in simulated time: the timer is due.
        _simulated.UseOffset(TimeSpan.FromDays(2));

        // Another node holds it for a real minute.
        await LeaseAsync(started.InstanceId, _engine.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var whileLeased = await _engine.Sweeps.FireDueTimersAsync(default);
        // A lease two simulated days out (taken on the simulated clock) holds nothing.
        await LeaseAsync(started.InstanceId, _simulated.GetUtcNow() + TimeSpan.FromMinutes(1));
        var staleLease = await _engine.Sweeps.FireDueTimersAsync(default);

        Assert.Equal(0, whileLeased);
        Assert.Equal(1, staleLease);
        Assert.Equal(["woke"], await _engine.LinesAsync(started.InstanceId));
    }

    private async Task LeaseAsync(string instanceId, DateTimeOffset until)
    {
        await using var db = await _engine.ContextAsync();
        await db.Bookmarks.Where(b => b.InstanceId == instanceId).ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseUntil, until));
    }
}
