namespace ExportTaxCheck.Engine.Clock;

/// <summary>
/// The clock leases are measured on. A lease is a span of real time in which one node does what it claimed (sends an
/// e-mail, fires a timer, runs an instance), under simulated time too: measured on the clock under the simulation's offset
/// (<see cref="AdjustableClock.Base"/>), so a node whose simulated time was moved ahead, or has not yet taken a move another
/// node made, cannot think another node's lease ran out days before it does and do the work a second time. A lease ends at
/// most one lease from now on any node (their real clocks agree); one further out was taken in simulated time, before
/// leases were measured on the real clock, and is over.
/// </summary>
public sealed class LeaseClock(TimeProvider clock)
{
    private readonly TimeProvider _real = clock is AdjustableClock adjustable ? adjustable.Base : clock;

    /// <summary>The real time now.</summary>
    public DateTimeOffset Now => _real.GetUtcNow();

    /// <summary>
    /// Now; the end of a lease of <paramref name="lease"/> taken now; and the end past which a lease found on a row is over
    /// (a lease is held while it ends between <c>Now</c> and <c>Stale</c>).
    /// </summary>
    public (DateTimeOffset Now, DateTimeOffset Until, DateTimeOffset Stale) Window(TimeSpan lease)
    {
        var now = Now;
        return (now, now + lease, now + 2 * lease);
    }
}
