namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// One async mutex per key (instance id, idempotency key): commands for the same instance run one after another
/// in this process; across processes the row revision and bookmark status catch what slips through.
/// </summary>
public sealed class KeyedLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes the lock for <paramref name="key"/>; when someone else holds it, runs <paramref name="beforeWait"/> first (to let
    /// go of what the wait should not hold, such as a pooled connection) and then waits.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct, Func<Task>? beforeWait = null)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }
            entry.References++;
        }

        try
        {
            if (!entry.Semaphore.Wait(0))
            {
                if (beforeWait is not null)
                    await beforeWait();
                await entry.Semaphore.WaitAsync(ct);
            }
        }
        catch
        {
            Release(key, entry, signal: false);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Release(string key, Entry entry, bool signal)
    {
        if (signal)
            entry.Semaphore.Release();
        lock (_entries)
        {
            if (--entry.References == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int References;
    }

    private sealed class Releaser(KeyedLock owner, string key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Release(key, entry, signal: true);
        }
    }
}
