using ExportTaxCheck.Engine.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// The engine's own rows of a step, read and written with plain ADO.NET commands on the step's connection and
/// transaction: the instance with its active bookmarks in one round trip, then the instance, bookmark, journal, log, event
/// and idempotency writes without a change tracker. EF Core keeps the rest of the unit of work (the modules' rows, which
/// commit in the same transaction), migrations, administration and queries.
/// </summary>
public sealed class StepStore(EngineTelemetry telemetry)
{
    private const string InstanceColumns =
        """ "Id", "DefinitionId", "DefinitionVersionId", "DefinitionVersion", "Name", "CorrelationId", "Status", "CreatedAt", "UpdatedAt", "FinishedAt", "IncidentCount", "State", "Revision", "ParentInstanceId", "LeaseUntil", "HeldAt" """;

    private const string BookmarkColumns =
        """ "Id", "InstanceId", "ActivityExecutionId", "ActivityId", "Name", "Hash", "CorrelationId", "Payload", "DueAt", "CreatedAt", "Status", "ClosedAt", "LeaseUntil", "HeldAt" """;

    private const string InstanceSelect = $"""SELECT {InstanceColumns} FROM "WorkflowInstances" WHERE "Id" = @id""";
    private const string ActiveBookmarksSelect = $"""SELECT {BookmarkColumns} FROM "Bookmarks" WHERE "InstanceId" = @id AND "Status" = 'Active'""";

    /// <summary>The instance and its active bookmarks, or null when it does not exist.</summary>
    public async Task<(WorkflowInstanceRecord Instance, List<BookmarkRecord> ActiveBookmarks)?> LoadAsync(WorkflowDbContext db, string instanceId, CancellationToken ct)
    {
        var sql = await OpenAsync(db, ct);
        if (sql.IsSqlite)
        {
            // Two prepared statements on the connection: no round trip to save by sending them together.
            var instances = await sql.QueryAsync(InstanceSelect, ReadInstance, ct, ("id", instanceId));
            return instances.Count == 0 ? null : (instances[0], await sql.QueryAsync(ActiveBookmarksSelect, ReadBookmark, ct, ("id", instanceId)));
        }
        await using var command = sql.Command(InstanceSelect + "; " + ActiveBookmarksSelect);
        sql.Add(command, "id", instanceId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var row = sql.Row(reader);
        if (!await reader.ReadAsync(ct))
            return null;
        var instance = ReadInstance(row);
        await reader.NextResultAsync(ct);
        var bookmarks = new List<BookmarkRecord>();
        while (await reader.ReadAsync(ct))
            bookmarks.Add(ReadBookmark(row));
        return (instance, bookmarks);
    }

    /// <summary>The instance's revision, or null when it does not exist.</summary>
    public async Task<long?> RevisionAsync(WorkflowDbContext db, string instanceId, CancellationToken ct)
    {
        var sql = await OpenAsync(db, ct);
        var revisions = await sql.QueryAsync("""SELECT "Revision" FROM "WorkflowInstances" WHERE "Id" = @id""", r => r.GetInt64(0), ct, ("id", instanceId));
        return revisions.Count == 0 ? null : revisions[0];
    }

    public async Task<bool> ExistsAsync(WorkflowDbContext db, string instanceId, CancellationToken ct) =>
        await RevisionAsync(db, instanceId, ct) is not null;

    /// <summary>The stored answer of an idempotency key, or null.</summary>
    public async Task<IdempotencyRecord?> FindIdempotencyAsync(WorkflowDbContext db, string key, CancellationToken ct) =>
        (await FindForResumeAsync(db, key, bookmarkId: null, bookmarkHash: null, ct)).Stored;

    internal const string IdempotencySelect = """SELECT "Key", "Operation", "RequestHash", "StatusCode", "Response", "CreatedAt" FROM "IdempotencyKeys" WHERE "Key" = @key""";
    private const string BookmarkByIdSelect = $"""SELECT {BookmarkColumns} FROM "Bookmarks" WHERE "Id" = @bookmark""";
    private const string BookmarkByHashSelect = $"""SELECT {BookmarkColumns} FROM "Bookmarks" WHERE "Hash" = @bookmark ORDER BY "Status" LIMIT 1""";

    /// <summary>
    /// What a resume command needs before it runs, in one round trip: the stored answer of its idempotency key (when it
    /// has one) and the bookmark it resumes, by id or by hash (an active one before spent ones with the same hash).
    /// </summary>
    public async Task<(IdempotencyRecord? Stored, BookmarkRecord? Bookmark)> FindForResumeAsync(WorkflowDbContext db, string? key, string? bookmarkId, string? bookmarkHash,
        CancellationToken ct)
    {
        var sql = await OpenAsync(db, ct);
        var bookmarkSelect = bookmarkId is not null ? BookmarkByIdSelect : bookmarkHash is not null ? BookmarkByHashSelect : null;
        if (sql.IsSqlite)
        {
            var stored = key is null ? null : (await sql.QueryAsync(IdempotencySelect, ReadIdempotency, ct, ("key", key))).FirstOrDefault();
            var bookmark = bookmarkSelect is null ? null : (await sql.QueryAsync(bookmarkSelect, ReadBookmark, ct, ("bookmark", bookmarkId ?? bookmarkHash))).FirstOrDefault();
            return (stored, bookmark);
        }
        await using var command = sql.Command(key is null ? bookmarkSelect! : bookmarkSelect is null ? IdempotencySelect : IdempotencySelect + "; " + bookmarkSelect);
        if (key is not null)
            sql.Add(command, "key", key);
        if (bookmarkSelect is not null)
            sql.Add(command, "bookmark", bookmarkId ?? bookmarkHash);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var row = sql.Row(reader);
        IdempotencyRecord? found = null;
        if (key is not null)
        {
            if (await reader.ReadAsync(ct))
                found = ReadIdempotency(row);
            if (bookmarkSelect is null || !await reader.NextResultAsync(ct))
                return (found, null);
        }
        return (found, await reader.ReadAsync(ct) ? ReadBookmark(row) : null);
    }

    /// <summary>
    /// The first two active bookmarks with <paramref name="hash"/> (of the correlation and instance, when given), oldest
    /// first, and whether a definition is started by the same hash: what an event's delivery needs to know.
    /// </summary>
    public async Task<(List<BookmarkRecord> Waiting, bool Triggers)> WaitingAsync(WorkflowDbContext db, string hash, string? correlationId, string? instanceId,
        CancellationToken ct)
    {
        var sql = await OpenAsync(db, ct);
        // One text per combination (each kept prepared), not `@x IS NULL OR …`: PostgreSQL cannot type a parameter that is only ever null.
        var text = new System.Text.StringBuilder($"""SELECT {BookmarkColumns} FROM "Bookmarks" WHERE "Hash" = @hash AND "Status" = 'Active'""");
        var parameters = new List<(string, object?)> { ("hash", hash) };
        if (correlationId is not null)
        {
            text.Append(""" AND "CorrelationId" = @correlation""");
            parameters.Add(("correlation", correlationId));
        }
        if (instanceId is not null)
        {
            text.Append(""" AND "InstanceId" = @instance""");
            parameters.Add(("instance", instanceId));
        }
        text.Append(""" ORDER BY "CreatedAt" LIMIT 2""");
        var waiting = await sql.QueryAsync(text.ToString(), ReadBookmark, ct, [.. parameters]);
        var triggers = await sql.QueryAsync("""SELECT 1 FROM "Triggers" WHERE "Hash" = @hash LIMIT 1""", r => r.GetInt32(0), ct, ("hash", hash));
        return (waiting, triggers.Count > 0);
    }

    /// <summary>Marks a pending event delivered in the transaction <paramref name="db"/> takes part in; false when it already was.</summary>
    public async Task<bool> MarkDeliveredAsync(WorkflowDbContext db, string eventId, DateTimeOffset now, CancellationToken ct) =>
        await In(db).ExecuteAsync("""UPDATE "PendingEvents" SET "ProcessedAt" = @t WHERE "Id" = @id AND "ProcessedAt" IS NULL""", ct, ("t", now), ("id", eventId)) == 1;

    /// <summary>Opens <paramref name="db"/>'s connection if needed and begins a transaction on it, without EF Core.</summary>
    internal async Task<StepSql> BeginAsync(WorkflowDbContext db, CancellationToken ct)
    {
        await OpenAsync(db, ct);
        var connection = db.Database.GetDbConnection();
        return new StepSql(connection, await connection.BeginTransactionAsync(ct), telemetry);
    }

    /// <summary>Commands in the step's open transaction (<paramref name="db"/>'s connection).</summary>
    internal StepSql In(WorkflowDbContext db) => In(db, telemetry);

    private static StepSql In(WorkflowDbContext db, EngineTelemetry telemetry) =>
        new(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), telemetry);

    /// <summary>Commands on <paramref name="db"/>'s connection, opened if it is not.</summary>
    internal Task<StepSql> OpenAsync(WorkflowDbContext db, CancellationToken ct) => OpenAsync(db, telemetry, ct);

    /// <summary>Commands on <paramref name="db"/>'s connection (opened if it is not, in its EF Core transaction if it has one), counted by <paramref name="telemetry"/>.</summary>
    internal static async Task<StepSql> OpenAsync(WorkflowDbContext db, EngineTelemetry telemetry, CancellationToken ct)
    {
        // Opened through EF Core so its connection interceptors (SQLite's settings) see the connection; once, so that one
        // CloseConnectionAsync gives it back to the pool (the context's disposal does it at the latest).
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
            db.HeldOpen = true;
        }
        return In(db, telemetry);
    }

    internal static IdempotencyRecord ReadIdempotency(IDbRow r) => new()
    {
        Key = r.GetString(0), Operation = r.GetString(1), RequestHash = r.GetString(2), StatusCode = r.GetInt32(3), Response = r.GetString(4), CreatedAt = r.GetTime(5),
    };

    private static WorkflowInstanceRecord ReadInstance(IDbRow r) => new()
    {
        Id = r.GetString(0),
        DefinitionId = r.GetString(1),
        DefinitionVersionId = r.GetString(2),
        DefinitionVersion = r.GetInt32(3),
        Name = r.NullableString(4),
        CorrelationId = r.NullableString(5),
        Status = Enum.Parse<WorkflowStatus>(r.GetString(6)),
        CreatedAt = r.GetTime(7),
        UpdatedAt = r.GetTime(8),
        FinishedAt = r.NullableTime(9),
        IncidentCount = r.GetInt32(10),
        State = r.GetString(11),
        Revision = r.GetInt64(12),
        ParentInstanceId = r.NullableString(13),
        LeaseUntil = r.NullableTime(14),
        HeldAt = r.NullableTime(15),
    };

    private static BookmarkRecord ReadBookmark(IDbRow r) => new()
    {
        Id = r.GetString(0),
        InstanceId = r.GetString(1),
        ActivityExecutionId = r.GetString(2),
        ActivityId = r.GetString(3),
        Name = r.GetString(4),
        Hash = r.GetString(5),
        CorrelationId = r.NullableString(6),
        Payload = r.NullableString(7),
        DueAt = r.NullableTime(8),
        CreatedAt = r.GetTime(9),
        Status = Enum.Parse<BookmarkStatus>(r.GetString(10)),
        ClosedAt = r.NullableTime(11),
        LeaseUntil = r.NullableTime(12),
        HeldAt = r.NullableTime(13),
    };
}
