namespace ExportTaxCheck.Engine.Clock;

/// <summary>
/// A clock that can be moved forward for demonstrations, training and acceptance checks (never in production): it is
/// the base clock plus an offset. Every component reads time from the one <see cref="TimeProvider"/>, so timers,
/// task deadlines, outbox retries and dates on pages and e-mails all follow a move. Timers and delays are durations and
/// run on the base clock.
/// </summary>
public sealed class AdjustableClock(TimeProvider baseClock) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>The real clock under the offset (sign-in cookies keep it).</summary>
    public TimeProvider Base { get; } = baseClock;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => Base.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => Base.LocalTimeZone;

    public override long TimestampFrequency => Base.TimestampFrequency;

    public override long GetTimestamp() => Base.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Base.CreateTimer(callback, state, dueTime, period);

    /// <summary>Takes the offset another node stored (or this node loaded at start).</summary>
    public void UseOffset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
}
