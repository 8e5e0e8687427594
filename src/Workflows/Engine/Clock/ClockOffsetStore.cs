using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Clock;

/// <summary>
/// The simulated clock's offset, kept in the database so that every node of a cluster shows the same time and a
/// restart does not jump back to the real date.
/// </summary>
public sealed class ClockOffsetStore(IDbContextFactory<WorkflowDbContext> dbFactory, AdjustableClock clock)
{
    public const string Key = "clock.offset";

    /// <summary>Reads the stored offset into the clock; returns it.</summary>
    public async Task<TimeSpan> LoadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Set<SettingRecord>().AsNoTracking().Where(s => s.Key == Key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        var offset = stored is not null && long.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? TimeSpan.FromTicks(ticks) : TimeSpan.Zero;
        clock.UseOffset(offset);
        return offset;
    }

    /// <summary>Stores <paramref name="offset"/> for every node and applies it here at once.</summary>
    public async Task SaveAsync(TimeSpan offset, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var value = offset.Ticks.ToString(CultureInfo.InvariantCulture);
        var now = clock.Base.GetUtcNow();
        if (await db.Set<SettingRecord>().Where(s => s.Key == Key).ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, value).SetProperty(x => x.UpdatedAt, now), ct) == 0)
        {
            db.Add(new SettingRecord { Key = Key, Value = value, UpdatedAt = now });
            await db.SaveChangesAsync(ct);
        }
        clock.UseOffset(offset);
    }
}
