using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// Takes over a database made when one migration stream held every table of the service (the releases before the engine
/// and the return case had a stream each). Its tables are those of both new streams' first migrations except for the
/// engine's generic references: the outbox and the officer notices then held a case id (<c>CaseId</c>, and the outbox a
/// <c>CaseEventIndex</c>). Those columns are renamed in place (their rows keep their values), marked as referring to a
/// case, and the histories are rewritten so that the engine's and this module's first migrations count as applied.
/// It lives here, not in the engine, because only the return case knows what those rows referred to.
/// </summary>
public sealed class SingleStreamAdoption : IDatabaseAdoption
{
    /// <summary>The single stream's migrations on SQLite, oldest first.</summary>
    public static readonly IReadOnlyList<string> SqliteStream =
        ["20261122212442_Initial", "20261122225215_ReturnCases", "20261122233915_OfficerWorkspace", "20261123003043_Outbox", "20261202102209_WorkLeases"];

    /// <summary>The single stream's one migration on PostgreSQL.</summary>
    public static readonly IReadOnlyList<string> PostgreSqlStream = ["20261202102235_InitialPostgreSql"];

    /// <summary>The first migrations of the two streams, whose schema the adopted database gets (by provider).</summary>
    private const string EngineSqlite = "20261204222547_EngineTables";
    private const string EnginePostgreSql = "20261204222552_EngineTablesPostgreSql";
    private const string ReturnsSqlite = "20261204222634_ReturnsTables";
    private const string ReturnsPostgreSql = "20261204222639_ReturnsTablesPostgreSql";

    private static readonly string[] SqliteChanges =
    [
        """DROP INDEX "IX_Outbox_CaseId";""",
        """ALTER TABLE "Outbox" RENAME COLUMN "CaseId" TO "ReferenceId";""",
        """ALTER TABLE "Outbox" RENAME COLUMN "CaseEventIndex" TO "EventIndex";""",
        """ALTER TABLE "Outbox" ADD "ReferenceType" TEXT NULL;""",
        $"""UPDATE "Outbox" SET "ReferenceType" = '{CaseReference.Type}' WHERE "ReferenceId" IS NOT NULL;""",
        """CREATE INDEX "IX_Outbox_ReferenceType_ReferenceId" ON "Outbox" ("ReferenceType", "ReferenceId");""",
        """ALTER TABLE "OfficerNotifications" RENAME COLUMN "CaseId" TO "ReferenceId";""",
        """ALTER TABLE "OfficerNotifications" ADD "ReferenceType" TEXT NULL;""",
        $"""UPDATE "OfficerNotifications" SET "ReferenceType" = '{CaseReference.Type}' WHERE "ReferenceId" IS NOT NULL;""",
    ];

    private static readonly string[] PostgreSqlChanges =
    [
        """DROP INDEX "IX_Outbox_CaseId";""",
        """ALTER TABLE "Outbox" RENAME COLUMN "CaseId" TO "ReferenceId";""",
        // A reference holds any correlation id (up to 200 characters), not only a case id; widening a varchar rewrites nothing.
        """ALTER TABLE "Outbox" ALTER COLUMN "ReferenceId" TYPE character varying(200);""",
        """ALTER TABLE "Outbox" RENAME COLUMN "CaseEventIndex" TO "EventIndex";""",
        """ALTER TABLE "Outbox" ADD "ReferenceType" character varying(64) NULL;""",
        $"""UPDATE "Outbox" SET "ReferenceType" = '{CaseReference.Type}' WHERE "ReferenceId" IS NOT NULL;""",
        """CREATE INDEX "IX_Outbox_ReferenceType_ReferenceId" ON "Outbox" ("ReferenceType", "ReferenceId");""",
        """ALTER TABLE "OfficerNotifications" RENAME COLUMN "CaseId" TO "ReferenceId";""",
        """ALTER TABLE "OfficerNotifications" ALTER COLUMN "ReferenceId" TYPE character varying(200);""",
        """ALTER TABLE "OfficerNotifications" ADD "ReferenceType" character varying(64) NULL;""",
        $"""UPDATE "OfficerNotifications" SET "ReferenceType" = '{CaseReference.Type}' WHERE "ReferenceId" IS NOT NULL;""",
    ];

    public async Task AdoptAsync(WorkflowDbContext engine, WorkflowDbContext module, CancellationToken ct)
    {
        var postgreSql = engine.Database.IsNpgsql();
        var stream = postgreSql ? PostgreSqlStream : SqliteStream;
        // Most starts meet a database that is new or already adopted: look first without taking any lock.
        if (!(await engine.Database.GetAppliedMigrationsAsync(ct)).Intersect(stream).Any())
            return;

        var (engineFirst, moduleFirst) = postgreSql ? (EnginePostgreSql, ReturnsPostgreSql) : (EngineSqlite, ReturnsSqlite);
        Known(engine, engineFirst);
        Known(module, moduleFirst);

        // SQLite's transaction takes the write lock at once (BEGIN IMMEDIATE); on PostgreSQL the history's lock keeps a
        // second node starting at the same moment out until this one has committed, and it then finds nothing to adopt.
        await using var transaction = await engine.Database.BeginTransactionAsync(ct);
        if (postgreSql)
            await engine.Database.ExecuteSqlRawAsync($"""LOCK TABLE "{EngineMigrations.HistoryTable}" IN ACCESS EXCLUSIVE MODE;""", ct);
        var engineHistory = engine.GetService<IHistoryRepository>();
        var applied = (await engineHistory.GetAppliedMigrationsAsync(ct)).Select(r => r.MigrationId).ToHashSet(StringComparer.Ordinal);
        if (!applied.Overlaps(stream))
            return;
        if (stream.FirstOrDefault(m => !applied.Contains(m)) is { } missing)
            throw new InvalidOperationException(
                $"The database was made by a release with one migration stream, but it stopped before '{missing}'. Start the last such release on it once to finish its migrations, then this one.");

        foreach (var change in postgreSql ? PostgreSqlChanges : SqliteChanges)
            await engine.Database.ExecuteSqlRawAsync(change, ct);

        var version = ProductInfo.GetVersion();
        var moduleHistory = module.GetService<IHistoryRepository>();
        foreach (var old in stream)
            await engine.Database.ExecuteSqlRawAsync(engineHistory.GetDeleteScript(old), ct);
        await engine.Database.ExecuteSqlRawAsync(engineHistory.GetInsertScript(new HistoryRow(engineFirst, version)), ct);
        await engine.Database.ExecuteSqlRawAsync(moduleHistory.GetCreateIfNotExistsScript(), ct);
        await engine.Database.ExecuteSqlRawAsync(moduleHistory.GetInsertScript(new HistoryRow(moduleFirst, version)), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The migration this adoption brings the schema to must be the stream's first: a stream made anew needs a new adoption.</summary>
    private static void Known(WorkflowDbContext db, string migration)
    {
        if (db.Database.GetMigrations().FirstOrDefault() != migration)
            throw new InvalidOperationException($"{db.GetType().Name}'s first migration is not '{migration}', the schema this adoption was written for.");
    }
}
