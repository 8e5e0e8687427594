using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Host.Workers;

namespace ExportTaxCheck.Host.Tests.Workers;

/// <summary>Workers begin only once the Host has started (its server listens), and give up quietly when it stops first.</summary>
public sealed class HostStartedTests
{
    [Fact]
    public async Task Wait_EndsWhenTheHostHasStarted_NotBefore()
    {
        using var lifetime = new TestLifetime();

        var wait = HostStarted.WaitAsync(lifetime, CancellationToken.None);

        Assert.False(wait.IsCompleted);
        await lifetime.StartAsync();
        Assert.True(await wait);
    }

    [Fact]
    public async Task Wait_AfterTheStart_EndsAtOnce()
    {
        using var lifetime = new TestLifetime();
        await lifetime.StartAsync();

        Assert.True(await HostStarted.WaitAsync(lifetime, CancellationToken.None));
    }

    [Fact]
    public async Task Wait_HostStopsBeforeItStarted_ReturnsFalse()
    {
        using var lifetime = new TestLifetime();
        using var stopping = new CancellationTokenSource();

        var wait = HostStarted.WaitAsync(lifetime, stopping.Token);
        await stopping.CancelAsync();

        Assert.False(await wait);
    }
}
