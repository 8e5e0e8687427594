namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// What the messages of one dispatch batch share: a model source reads what several of them about the same thing need
/// (the case they tell of) once for the batch, as it stands when the first of them is rendered, instead of once for each;
/// the dispatcher does the same with each notification's template files (an analyst's edit applies from the next batch).
/// A batch is sent one message after another, so this is not shared between threads.
/// </summary>
public sealed class NotificationBatch
{
    private readonly Dictionary<(string Kind, string Key), object> _read = [];

    /// <summary>The value <paramref name="read"/> gives for <paramref name="key"/> of <paramref name="kind"/>, read at its first use in the batch.</summary>
    public T ReadOnce<T>(string kind, string key, Func<T> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        return Kept<T>(kind, key) ?? Keep(kind, key, read());
    }

    /// <inheritdoc cref="ReadOnce{T}"/>
    public async Task<T> ReadOnceAsync<T>(string kind, string key, Func<Task<T>> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        return Kept<T>(kind, key) ?? Keep(kind, key, await read());
    }

    private T? Kept<T>(string kind, string key) where T : class => _read.TryGetValue((kind, key), out var kept) ? (T)kept : null;

    private T Keep<T>(string kind, string key, T value) where T : class
    {
        _read[(kind, key)] = value;
        return value;
    }
}
