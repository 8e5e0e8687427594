namespace ExportTaxCheck.Returns.Persistence;

/// <summary>The reference-data store: loaded from a JSON file at start and through the API; read by enrichment.</summary>
public static class ReferenceData
{
    public static async Task<ExportLineData?> FindAsync(WorkflowDbContext db, string exportDocNo, int itemNo, CancellationToken ct)
    {
        var record = await ReadAsync(db, exportDocNo, itemNo, ct);
        return record is null ? null : ReturnsJson.Deserialize<ExportLineData>(record.Data);
    }

    /// <summary>The line's row, tracked in <paramref name="db"/> (a row this unit of work already holds is returned as it holds it).</summary>
    public static async Task<ExportLineRecord?> FindTrackedAsync(WorkflowDbContext db, string exportDocNo, int itemNo, CancellationToken ct)
    {
        if (Held(db, exportDocNo, itemNo) is { } held)
            return held;
        var record = await ReadAsync(db, exportDocNo, itemNo, ct);
        if (record is not null)
            db.Attach(record);
        return record;
    }

    /// <summary>
    /// The rows of <paramref name="keys"/>, in their order (null where there is none), tracked in <paramref name="db"/> as
    /// <see cref="FindTrackedAsync"/> tracks one: the rows not held yet read by document, many documents per statement.
    /// </summary>
    public static async Task<List<ExportLineRecord?>> FindManyTrackedAsync(WorkflowDbContext db, IReadOnlyList<(string ExportDocNo, int ItemNo)> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var held = keys.Select(k => Held(db, k.ExportDocNo, k.ItemNo)).ToList();
        var wanted = keys.Where((_, i) => held[i] is null).ToHashSet();
        var read = new Dictionary<(string, int), ExportLineRecord>();
        var rows = await OnDocs.QueryAsync(await SnapshotReads.OnAsync(db, ct), wanted.Select(k => k.ExportDocNo), Row, ct);
        foreach (var row in rows.Where(r => wanted.Contains((r.ExportDocNo, r.ItemNo))))
        {
            db.Attach(row);
            read[(row.ExportDocNo, row.ItemNo)] = row;
        }
        return keys.Select((k, i) => held[i] ?? read.GetValueOrDefault(k)).ToList();
    }

    /// <summary>The line's row as <paramref name="db"/> holds it (added, read or changed in this unit of work), without a read.</summary>
    public static ExportLineRecord? Held(WorkflowDbContext db, string exportDocNo, int itemNo) =>
        db.Tracked<ExportLineRecord>().FindEntryUntyped([exportDocNo, itemNo])?.Entity;

    private const string Columns = """ "ExportDocNo", "ItemNo", "ExporterUscc", "UpdatedAt", "Data", "Revision" """;

    // The lines on many documents, a statement for up to 32 of them.
    private static readonly InListQuery OnDocs = new($"""SELECT{Columns}FROM "ExportLines" """, "\"ExportDocNo\"");

    private static ExportLineRecord Row(IDbRow r) => new()
    {
        ExportDocNo = r.GetString(0), ItemNo = r.GetInt32(1), ExporterUscc = r.GetString(2), UpdatedAt = r.GetTime(3), Data = r.GetString(4), Revision = r.GetInt64(5),
    };

    // With a statement kept prepared, untracked.
    private static async Task<ExportLineRecord?> ReadAsync(WorkflowDbContext db, string exportDocNo, int itemNo, CancellationToken ct) =>
        (await (await SnapshotReads.OnAsync(db, ct)).QueryAsync(
            $"""SELECT{Columns}FROM "ExportLines" WHERE "ExportDocNo" = @doc AND "ItemNo" = @item""", Row, ct, ("doc", exportDocNo), ("item", itemNo))).FirstOrDefault();

    /// <summary>X-09: the refund status of the given items of one export document as tax holds it now (this unit of work's changes included).</summary>
    public static async Task<Dictionary<int, RefundStatus>> RefundStatusesAsync(WorkflowDbContext db, string exportDocNo, IEnumerable<int> itemNos, CancellationToken ct)
    {
        var statuses = new Dictionary<int, RefundStatus>();
        foreach (var item in itemNos.Distinct())
        {
            if (await FindTrackedAsync(db, exportDocNo, item, ct) is { } record)
                statuses[item] = ReturnsJson.Deserialize<ExportLineData>(record.Data).Refund.Status;
        }
        return statuses;
    }

    /// <summary>Adds <paramref name="line"/> as a new row (one the reference data does not hold yet).</summary>
    public static void Add(WorkflowDbContext db, ExportLineData line, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(line);
        db.Add(new ExportLineRecord
        {
            ExportDocNo = line.Export.ExportReference, ItemNo = line.Export.ItemNo, ExporterUscc = line.Export.ExporterUscc,
            Data = ReturnsJson.Serialize(line), UpdatedAt = now,
        });
    }
}
