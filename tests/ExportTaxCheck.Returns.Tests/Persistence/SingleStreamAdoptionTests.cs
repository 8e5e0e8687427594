using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Returns.Tests.Persistence;

/// <summary>
/// A database made by the releases with one migration stream for every table is taken over at start-up: its rows stay,
/// the case ids of the outbox and the notices become references to cases, and its schema and histories end up as a
/// new database's.
/// </summary>
public class SingleStreamAdoptionTests
{
    private const string CaseId = "RC-2026-000042";
    private static readonly DateTimeOffset Written = new(2026, 11, 30, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public Task Initialize_SingleStreamDatabaseOnSqlite_KeepsRowsUnderTheirNewNamesAndMatchesANewDatabase() => AdoptsAsync(TestDatabase.Sqlite);

    [Fact]
    public Task Initialize_SingleStreamDatabaseOnPostgreSql_KeepsRowsUnderTheirNewNamesAndMatchesANewDatabase() => AdoptsAsync(TestDatabase.PostgreSql);

    [Fact]
    public async Task Initialize_SingleStreamDatabaseStoppedBeforeItsLastMigration_IsRefusedAndLeftAsItWas()
    {
        await using var database = await ScratchDatabase.CreateAsync(TestDatabase.Sqlite);
        await database.ExecuteAsync(SingleStreamScript(TestDatabase.Sqlite));
        await database.ExecuteAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = @id""", ("@id", SingleStreamAdoption.SqliteStream[^1]));
        var before = await DatabaseSchema.ReadAsync(database);

        await using var services = Services(database);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default));

        Assert.Contains(SingleStreamAdoption.SqliteStream[^1], refused.Message);
        Assert.Equal(before, await DatabaseSchema.ReadAsync(database));
    }

    [Fact]
    public async Task Initialize_NewDatabase_RecordsEachStreamInItsOwnHistory()
    {
        await using var database = await ScratchDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var services = Services(database);

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);

        var (engine, returns) = await HistoriesAsync(database);
        await using var engineDb = EngineMigrations.CreateContext(database.Options);
        await using var returnsDb = ModuleMigrations.CreateContext<ReturnsSqliteMigrationsContext>(database.Options, ReturnsMigrations.HistoryTable);
        Assert.Equal(engineDb.Database.GetMigrations(), engine);
        Assert.Equal(returnsDb.Database.GetMigrations(), returns);
        var tables = (await DatabaseSchema.ReadAsync(database)).Where(l => l.StartsWith("column ", StringComparison.Ordinal))
            .Select(l => l["column ".Length..l.IndexOf('.', StringComparison.Ordinal)]).Distinct().ToList();
        Assert.Contains("Outbox", tables);
        Assert.Contains("ReturnCases", tables);
    }

    private static async Task AdoptsAsync(TestDatabase provider)
    {
        await using var legacy = await ScratchDatabase.CreateAsync(provider);
        await legacy.ExecuteAsync(SingleStreamScript(provider));
        await WriteRowsAsync(legacy);

        await using (var services = Services(legacy))
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
            // A second start finds nothing to adopt and nothing to migrate.
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
            await AssertRowsKeptAsync(services);
        }

        await using var fresh = await ScratchDatabase.CreateAsync(provider);
        await using (var services = Services(fresh))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
        Assert.Equal(await DatabaseSchema.ReadAsync(fresh), await DatabaseSchema.ReadAsync(legacy));
        var (freshEngine, freshReturns) = await HistoriesAsync(fresh);
        var (adoptedEngine, adoptedReturns) = await HistoriesAsync(legacy);
        Assert.Equal(freshEngine, adoptedEngine);
        Assert.Equal(freshReturns, adoptedReturns);
        await using var engine = EngineMigrations.CreateContext(legacy.Options);
        Assert.Empty(await engine.Database.GetPendingMigrationsAsync());
    }

    /// <summary>A case, a mail about it and one about nothing, and an officer's notice about it, as the single stream wrote them.</summary>
    private static async Task WriteRowsAsync(ScratchDatabase db)
    {
        var at = db.Time(Written);
        await db.ExecuteAsync("""
            INSERT INTO "ReturnCases" ("Id", "ExporterUscc", "ExporterName", "Status", "PolicyVersionId", "WorkflowInstanceId", "CreatedAt", "UpdatedAt", "Revision", "Data")
            VALUES (@id, '91440300MA5G7K2L3J', '深圳跨境出口有限公司', 'CertificateIssued', '2026-16', 'instance-1', @at, @at, 7, '{"lines":[]}')
            """, ("@id", CaseId), ("@at", at));
        await db.ExecuteAsync("""
            INSERT INTO "Outbox" ("Id", "MessageId", "Template", "CaseId", "CaseEventIndex", "SendIfStatus", "To", "Status", "Attempts", "CreatedAt", "NextAttemptAt", "Revision")
            VALUES ('mail-case', 'mail-case@exporttaxcheck.local', 'certificate-issued', @id, 3, 'CertificateIssued', 'exporter@example.cn', 'Pending', 0, @at, @at, 0)
            """, ("@id", CaseId), ("@at", at));
        await db.ExecuteAsync("""
            INSERT INTO "Outbox" ("Id", "MessageId", "To", "Subject", "Status", "Attempts", "CreatedAt", "NextAttemptAt", "SentAt", "Revision")
            VALUES ('mail-flow', 'mail-flow@exporttaxcheck.local', 'ops@example.cn', 'Nightly run', 'Sent', 1, @at, @at, @at, 2)
            """, ("@at", at));
        await db.ExecuteAsync("""
            INSERT INTO "OfficerNotifications" ("Recipient", "TaskId", "CaseId", "Kind", "Text", "CreatedAt")
            VALUES ('tax.officer', 'task-1', @id, 'Reminded', 'Reminder: "Review" for case RC-2026-000042 is still open.', @at)
            """, ("@id", CaseId), ("@at", at));
    }

    private static async Task AssertRowsKeptAsync(IServiceProvider services)
    {
        await using (var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            var aboutCase = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == "mail-case");
            Assert.Equal((CaseReference.Type, CaseId, 3), (aboutCase.ReferenceType, aboutCase.ReferenceId, aboutCase.EventIndex));
            Assert.Equal(("certificate-issued", "CertificateIssued", OutboxStatus.Pending, Written), (aboutCase.Template, aboutCase.SendIfStatus, aboutCase.Status, aboutCase.CreatedAt));

            var aboutNothing = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == "mail-flow");
            Assert.Equal((null, null, null), (aboutNothing.ReferenceType, aboutNothing.ReferenceId, aboutNothing.EventIndex));
            Assert.Equal(("Nightly run", OutboxStatus.Sent, Written, 2L), (aboutNothing.Subject, aboutNothing.Status, aboutNothing.SentAt, aboutNothing.Revision));

            var returnCase = await db.Set<ReturnCaseRecord>().AsNoTracking().SingleAsync();
            Assert.Equal((CaseId, "深圳跨境出口有限公司", ReturnCaseStatus.CertificateIssued, 7L, """{"lines":[]}""", Written),
                (returnCase.Id, returnCase.ExporterName, returnCase.Status, returnCase.Revision, returnCase.Data, returnCase.UpdatedAt));
        }

        var mails = await services.GetRequiredService<MailDispatcher>().ListAsync(null, CaseReference.Of(CaseId), 1, 20, default);
        Assert.Equal(["mail-case"], mails.Items.Select(m => m.Id));
        var notice = Assert.Single(await services.GetRequiredService<TaskService>().NoticesAsync(TaskActor.Of("tax.officer", "TaxOfficer"), 10, default));
        Assert.Equal((CaseReference.Type, CaseId, "task-1", "Reminded"), (notice.ReferenceType, notice.ReferenceId, notice.TaskId, notice.Kind));
        Assert.Equal(Written, notice.CreatedAt);
    }

    private static async Task<(IReadOnlyList<string> Engine, IReadOnlyList<string> Returns)> HistoriesAsync(ScratchDatabase database)
    {
        await using var engine = EngineMigrations.CreateContext(database.Options);
        await using var returns = database.Provider == TestDatabase.PostgreSql
            ? (WorkflowDbContext)ModuleMigrations.CreateContext<ReturnsPostgreSqlMigrationsContext>(database.Options, ReturnsMigrations.HistoryTable)
            : ModuleMigrations.CreateContext<ReturnsSqliteMigrationsContext>(database.Options, ReturnsMigrations.HistoryTable);
        return ((await engine.Database.GetAppliedMigrationsAsync()).ToList(), (await returns.Database.GetAppliedMigrationsAsync()).ToList());
    }

    private static ServiceProvider Services(ScratchDatabase database) => database.Services();

    private static string SingleStreamScript(TestDatabase provider)
    {
        var name = provider == TestDatabase.PostgreSql ? "SingleStream.postgresql.sql" : "SingleStream.sqlite.sql";
        using var stream = typeof(SingleStreamAdoptionTests).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
