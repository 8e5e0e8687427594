using ExportTaxCheck.Host.Workers;
using Microsoft.Extensions.Hosting;

namespace ExportTaxCheck.Host.Tests.Workers;

/// <summary>Workers begin only once the Host has started (its server listens), and give up quietly when it stops first.</summary>
public sealed class HostStartedTests
{
    [Fact]
    public async Task Wait_EndsWhenTheHostHasStarted_NotBefore()
    {
        using var lifetime = new Lifetime();

        var wait = HostStarted.WaitAsync(lifetime, CancellationToken.None);

        Assert.False(wait.IsCompleted);
        await lifetime.StartAsync();
        Assert.True(await wait);
    }

    [Fact]
    public async Task Wait_AfterTheStart_EndsAtOnce()
    {
        using var lifetime = new Lifetime();
        await lifetime.StartAsync();

        Assert.True(await HostStarted.WaitAsync(lifetime, CancellationToken.None));
    }

    [Fact]
    public async Task Wait_HostStopsBeforeItStarted_ReturnsFalse()
    {
        using var lifetime = new Lifetime();
        using var stopping = new CancellationTokenSource();

        var wait = HostStarted.WaitAsync(lifetime, stopping.Token);
        await stopping.CancelAsync();

        Assert.False(await wait);
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();
        private readonly CancellationTokenSource _stopping = new();
        private readonly CancellationTokenSource _stopped = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => _stopped.Token;

        public Task StartAsync() => _started.CancelAsync();

        public void StopApplication() => _stopping.Cancel();

        public void Dispose()
        {
            _started.Dispose();
            _stopping.Dispose();
            _stopped.Dispose();
        }
    }
}
