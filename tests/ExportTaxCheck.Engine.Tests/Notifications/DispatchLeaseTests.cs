using ExportTaxCheck.Engine.Clock;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;

namespace ExportTaxCheck.Engine.Tests.Notifications;

/// <summary>
/// A dispatcher sends a claimed batch at once while more than half its lease is left; once it is late, each message's
/// lease is renewed first, and a message another dispatcher claimed meanwhile is left to that dispatcher. Outcomes are saved
/// one by one, or for the batch at once where a resend replaces the first.
/// </summary>
public sealed class DispatchLeaseTests : IAsyncLifetime
{
    private readonly SlowTransport _transport = new();
    private EngineFixture _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = await EngineFixture.CreateAsync(services =>
        {
            services.AddExportTaxCheckNotifications();
            services.Replace(ServiceDescriptor.Singleton<IMailTransport>(_transport));
        }, pooled: true);
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task ABatchSentWithinItsLease_GoesOutWhole()
    {
        var ids = await EnqueueAsync(3);

        Assert.Equal(3, await _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));

        Assert.Equal(ids, _transport.Sent);
        Assert.All(await RowsAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task AMessageClaimedByAnotherDispatcherAfterTheLeaseRanOut_IsNotSentAgain()
    {
        var ids = await EnqueueAsync(2);
        // Sending the first takes longer than the lease; meanwhile another dispatcher claims the second.
        _transport.OnFirstSend = () => ClaimedElsewhereAsync(ids[1]);

        Assert.Equal(1, await _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));

        Assert.Equal([ids[0]], _transport.Sent);
        var rows = (await RowsAsync()).ToDictionary(m => m.Id);
        Assert.Equal(OutboxStatus.Sent, rows[ids[0]].Status);
        Assert.Equal(OutboxStatus.Pending, rows[ids[1]].Status);
    }

    [Fact]
    public async Task AMessageClaimedByAnotherDispatcherWhileItWasSending_IsThatDispatchersToRecord_AndTheBatchGoesOn()
    {
        var ids = await EnqueueAsync(2);
        // Sending the first takes longer than the lease; meanwhile another dispatcher claims that same message.
        _transport.OnFirstSend = () => ClaimedElsewhereAsync(ids[0]);

        await _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default);

        Assert.Equal(ids, _transport.Sent);
        var rows = (await RowsAsync()).ToDictionary(m => m.Id);
        Assert.Equal(OutboxStatus.Pending, rows[ids[0]].Status);
        Assert.Equal(OutboxStatus.Sent, rows[ids[1]].Status);
    }

    [Fact]
    public async Task ANodeWhoseSimulatedClockIsDaysAhead_DoesNotTakeAMessageWhileItsLeaseRuns()
    {
        var ids = await EnqueueAsync(1);
        // Simulated time was moved four days on another node, which has taken the move while this one has not yet: by its
        // clock the lease ran out long ago, by the real clock it runs for the whole lease yet.
        var ahead = new AdjustableClock(_engine.Clock);
        ahead.UseOffset(TimeSpan.FromDays(4));
        var elsewhere = ActivatorUtilities.CreateInstance<MailDispatcher>(_engine.Services, ahead);
        var sentElsewhere = -1;
        _transport.OnFirstSend = async () => sentElsewhere = await elsewhere.DispatchDueAsync(default);

        Assert.Equal(1, await _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));

        Assert.Equal(0, sentElsewhere);
        Assert.Equal(ids, _transport.Sent);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await RowsAsync()).Status);
    }

    [Fact]
    public async Task ALeaseTakenInSimulatedTimeDaysAhead_IsOverForTheRealClock()
    {
        var ids = await EnqueueAsync(1);
        await using (var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            var message = await db.Outbox.SingleAsync();
            message.LeaseUntil = _engine.Clock.GetUtcNow() + TimeSpan.FromDays(12);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));

        Assert.Equal(ids, _transport.Sent);
    }

    [Fact]
    public async Task ALateDispatcher_RenewsTheLease_AndStillSendsWhatNoOneElseClaimed()
    {
        var ids = await EnqueueAsync(2);
        _transport.OnFirstSend = () =>
        {
            _engine.Clock.Advance(new MailOptions().Lease * 0.75);
            return Task.CompletedTask;
        };

        Assert.Equal(2, await _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));

        Assert.Equal(ids, _transport.Sent);
    }

    [Fact]
    public async Task ABatchGoesOut_OnlyOnceItsClaimAndEverythingBeforeItIsOnDisk()
    {
        await EnqueueAsync(2);
        var commits = _engine.Services.GetRequiredService<DurableCommits>();
        var before = commits.Syncs;
        var atFirstSend = new List<long>();
        _transport.OnFirstSend = () =>
        {
            atFirstSend.Add(commits.Syncs);
            return Task.CompletedTask;
        };

        Assert.Equal(2, await _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));

        Assert.NotNull(commits.Log);
        Assert.True(atFirstSend.Single() > before, "the log was written to disk between the claim and the first message");
        Assert.All(await RowsAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Theory]
    [InlineData(false, OutboxStatus.Sent)]
    [InlineData(true, OutboxStatus.Pending)]
    public async Task EachOutcomeIsSavedBeforeTheNextMessageGoes_UnlessAResendReplacesTheFirst(bool resendReplaces, OutboxStatus firstWhileSecondGoes)
    {
        var ids = await EnqueueAsync(3);
        _transport.ResendReplaces = resendReplaces;
        var seen = new List<OutboxStatus>();
        _transport.OnSecondSend = async () => seen.Add((await RowsAsync()).Single(m => m.Id == ids[0]).Status);

        Assert.Equal(3, await _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default));

        // SMTP delivers every send: a dispatcher that died now would send only the message it was sending again. The
        // pickup folder rewrites a resent message's file: the batch's outcomes are one commit after its last message.
        Assert.Equal(firstWhileSecondGoes, Assert.Single(seen));
        Assert.All(await RowsAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task ASweepStoppedMidBatch_StillRecordsWhatWentOut_WhenItsOutcomesWaitForTheBatch()
    {
        var ids = await EnqueueAsync(3);
        _transport.ResendReplaces = true;
        using var stop = new CancellationTokenSource();
        _transport.OnSecondSend = async () =>
        {
            await stop.CancelAsync();
            stop.Token.ThrowIfCancellationRequested();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(stop.Token));

        var rows = (await RowsAsync()).ToDictionary(m => m.Id);
        Assert.Equal(OutboxStatus.Sent, rows[ids[0]].Status);
        // The one it was sending and the one after it wait for their lease to run out, and go again then.
        Assert.Equal(OutboxStatus.Pending, rows[ids[1]].Status);
        Assert.Equal(OutboxStatus.Pending, rows[ids[2]].Status);
    }

    /// <summary>The lease runs out, and another dispatcher claims message <paramref name="id"/> (a new lease, a new revision).</summary>
    private async Task ClaimedElsewhereAsync(string id)
    {
        _engine.Clock.Advance(new MailOptions().Lease + TimeSpan.FromSeconds(1));
        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var message = await db.Outbox.SingleAsync(m => m.Id == id);
        message.LeaseUntil = _engine.Clock.GetUtcNow() + new MailOptions().Lease;
        message.Revision++;
        await db.SaveChangesAsync();
    }

    private async Task<List<string>> EnqueueAsync(int count)
    {
        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var ids = Enumerable.Range(0, count)
            .Select(i => Outbox.Enqueue(db, _engine.Clock.GetUtcNow(), ["buyer@example.cn"], subject: "Parcel " + i, textBody: "On its way.").Id)
            .ToList();
        await db.SaveChangesAsync();
        return ids;
    }

    private async Task<List<OutboxMessageRecord>> RowsAsync()
    {
        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.Outbox.AsNoTracking().ToListAsync();
    }

    private sealed class SlowTransport : IMailTransport
    {
        public Func<Task>? OnFirstSend { get; set; }

        public Func<Task>? OnSecondSend { get; set; }

        public bool ResendReplaces { get; set; }

        public List<string> Sent { get; } = [];

        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            Sent.Add(message.MessageId!.Split('@')[0]);
            if (Sent.Count == 1 && OnFirstSend is not null)
                await OnFirstSend();
            if (Sent.Count == 2 && OnSecondSend is not null)
                await OnSecondSend();
        }
    }
}
