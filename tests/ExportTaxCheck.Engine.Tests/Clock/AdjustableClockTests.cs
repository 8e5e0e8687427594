using ExportTaxCheck.Engine.Clock;
using Microsoft.Extensions.Time.Testing;

namespace ExportTaxCheck.Engine.Tests.Clock;

public class AdjustableClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 8, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_WithAnOffset_IsTheBaseTimePlusTheOffset()
    {
        var real = new FakeTimeProvider(Start);
        var clock = new AdjustableClock(real);

        clock.UseOffset(TimeSpan.FromDays(16));
        real.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(Start + TimeSpan.FromDays(16) + TimeSpan.FromMinutes(5), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromDays(16), clock.Offset);
        Assert.Equal(Start + TimeSpan.FromMinutes(5), clock.Base.GetUtcNow());
    }

    [Fact]
    public async Task Delays_RunOnTheBaseClock_NotOnTheOffset()
    {
        var real = new FakeTimeProvider(Start);
        var clock = new AdjustableClock(real);
        clock.UseOffset(TimeSpan.FromDays(30));

        var delay = Task.Delay(TimeSpan.FromSeconds(10), clock);
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromSeconds(10));

        await delay.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(delay.IsCompletedSuccessfully);
    }
}
