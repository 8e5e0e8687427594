namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// Documents kept as parsed from their JSON, by row id, for the next read of the same row: a case is read by every step
/// and activity that touches it, by every command answer and by every e-mail about it, and its file is mostly the same
/// JSON each time. A document is taken only when the row's JSON is exactly the one it was parsed from (or written as);
/// the documents are immutable records, so one parse serves every reader. The most recently used are kept, up to a count.
/// </summary>
public sealed class ParsedDocuments<T>(int capacity) where T : class
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _oldestFirst = new();
    private readonly Lock _gate = new();

    /// <summary>The document <paramref name="json"/> holds, parsed once for as long as row <paramref name="id"/> keeps that JSON.</summary>
    public T Parse(string id, string json)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var node) && string.Equals(node.Value.Json, json, StringComparison.Ordinal))
            {
                _oldestFirst.Remove(node);
                _oldestFirst.AddLast(node);
                return node.Value.Document;
            }
        }
        var document = ReturnsJson.Deserialize<T>(json);
        Remember(id, json, document);
        return document;
    }

    /// <summary>Row <paramref name="id"/> now holds <paramref name="json"/>, written from <paramref name="document"/>.</summary>
    public void Remember(string id, string json, T document)
    {
        lock (_gate)
        {
            if (_entries.Remove(id, out var replaced))
                _oldestFirst.Remove(replaced);
            _entries[id] = _oldestFirst.AddLast(new Entry(id, json, document));
            while (_entries.Count > capacity && _oldestFirst.First is { } oldest)
            {
                _entries.Remove(oldest.Value.Id);
                _oldestFirst.RemoveFirst();
            }
        }
    }

    /// <summary>Whether row <paramref name="id"/>'s <paramref name="json"/> is kept as parsed into, or written from, this very <paramref name="document"/>.</summary>
    public bool Holds(string id, string json, T document)
    {
        lock (_gate)
            return _entries.TryGetValue(id, out var node) && ReferenceEquals(node.Value.Document, document)
                   && string.Equals(node.Value.Json, json, StringComparison.Ordinal);
    }

    /// <summary>
    /// The JSON of column <paramref name="ordinal"/> of row <paramref name="id"/>: the very string kept for the row when the
    /// column holds it (compared as stored, without decoding it, where the row can), so a reread of an unchanged row
    /// allocates nothing for its JSON and <see cref="Parse"/> finds it at once; else the column read as a string.
    /// </summary>
    public string Json(IDbRow row, int ordinal, string id)
    {
        ArgumentNullException.ThrowIfNull(row);
        Entry? kept;
        lock (_gate)
            kept = _entries.TryGetValue(id, out var node) ? node.Value : null;
        return kept is not null && row.TextEquals(ordinal, kept.Utf8) ? kept.Json : row.GetString(ordinal);
    }

    /// <summary>The documents kept (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    private sealed record Entry(string Id, string Json, T Document)
    {
        private byte[]? _utf8;

        /// <summary>The JSON as SQLite stores it, encoded when first compared.</summary>
        public byte[] Utf8 => _utf8 ??= System.Text.Encoding.UTF8.GetBytes(Json);
    }
}
