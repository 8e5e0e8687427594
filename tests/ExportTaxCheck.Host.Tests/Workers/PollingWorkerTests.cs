using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Host.Workers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExportTaxCheck.Host.Tests.Workers;

/// <summary>
/// A polling worker works a backlog off at once: after a sweep that filled its batch the next sweep follows without the
/// pause, and only a sweep that found less than a batch waits for the next poll.
/// </summary>
public sealed class PollingWorkerTests
{
    [Fact]
    public async Task SweepsThatFillTheirBatch_FollowEachOtherWithoutAPause_AndTheFirstShortOneWaits()
    {
        using var lifetime = new TestLifetime();
        await lifetime.StartAsync();
        using var worker = new CountingWorker(lifetime, handled: [5, 5, 5, 2, 5]);

        await worker.StartAsync(CancellationToken.None);
        await worker.Paused.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["sweep 5", "sweep 5", "sweep 5", "sweep 2", "pause"], worker.Events);
        await worker.StopAsync(CancellationToken.None);
    }

    private sealed class CountingWorker(IHostApplicationLifetime lifetime, int[] handled)
        : PollingWorker(lifetime, NullLogger.Instance, "Counting", batch: 5)
    {
        private int _sweeps;

        public List<string> Events { get; } = [];

        public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task<int> SweepAsync(CancellationToken ct)
        {
            var count = handled[Math.Min(_sweeps++, handled.Length - 1)];
            Events.Add("sweep " + count);
            return Task.FromResult(count);
        }

        protected override async Task PauseAsync(CancellationToken ct)
        {
            Events.Add("pause");
            Paused.TrySetResult();
            // The poll never comes in this test: the worker waits here until it is stopped.
            await Task.Delay(Timeout.Infinite, ct);
        }
    }
}
