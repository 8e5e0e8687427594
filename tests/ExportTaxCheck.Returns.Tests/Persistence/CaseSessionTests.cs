using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Shared;
using ExportTaxCheck.Returns.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Returns.Tests.Persistence;

/// <summary>
/// A case changed several times in one unit of work is written as its last change: its JSON is made when the unit of
/// work saves (once), every load in between sees the latest file, and the revision counts each change. On both
/// databases (SQLite saves through ModelWrites, PostgreSQL through EF Core's SaveChanges).
/// </summary>
public sealed class CaseSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 6, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task SeveralChangesInOneUnitOfWork_AreSavedAsTheLastOne_AndEachLoadSeesTheLatest(TestDatabase provider)
    {
        await using var database = await ScratchDatabase.CreateAsync(provider);
        await using var services = await database.ReadyServicesAsync();
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var file = await SavedCaseAsync(factory);

        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var session = (await CaseSession.LoadAsync(db, file.Case.CaseId, default))!;
            session.UpdateCase(c => c with { ExporterName = "First" }, Now.AddMinutes(1));
            Assert.Equal("First", (await CaseSession.LoadAsync(db, file.Case.CaseId, default))!.Case.ExporterName);
            await session.SetStatusAsync(ReturnCaseStatus.EvidenceReview, Now.AddMinutes(2), "Evidence under review.", ct: default);
            var again = (await CaseSession.LoadAsync(db, file.Case.CaseId, default))!;
            Assert.Equal(("First", ReturnCaseStatus.EvidenceReview), (again.Case.ExporterName, again.Status));
            again.UpdateCase(c => c with { ExporterName = "Last" }, Now.AddMinutes(3));
            await ModelWrites.SaveChangesAsync(db, default);
            await transaction.CommitAsync();
        }

        await using var read = await factory.CreateDbContextAsync();
        var stored = await read.Set<ReturnCaseRecord>().AsNoTracking().SingleAsync(r => r.Id == file.Case.CaseId);
        var saved = ReturnsJson.Deserialize<CaseFile>(stored.Data);
        Assert.Equal(("Last", ReturnCaseStatus.EvidenceReview, ReturnCaseStatus.EvidenceReview), (saved.Case.ExporterName, saved.Case.Status, stored.Status));
        Assert.Equal("Evidence under review.", saved.Timeline[^1].Message);
        Assert.Equal(3, stored.Revision);
        Assert.Equal(Now.AddMinutes(3), stored.UpdatedAt);
    }

    [Fact]
    public async Task AnUnchangedCaseReadAgain_TakesTheJsonKeptForIt_AChangedOneIsReadAfresh()
    {
        await using var database = await ScratchDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var services = await database.ReadyServicesAsync();
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var file = await SavedCaseAsync(factory);

        async Task<CaseSession> LoadAsync()
        {
            await using var db = await factory.CreateDbContextAsync();
            return (await CaseSession.LoadAsync(db, file.Case.CaseId, default))!;
        }

        var first = await LoadAsync();
        var second = await LoadAsync();
        Assert.Same(first.Record.Data, second.Record.Data);
        Assert.Same(first.File, second.File);

        // Another node writes the case: its JSON is read, not the one kept.
        var changed = ReturnsJson.Serialize(file with { Case = file.Case with { ExporterName = "Elsewhere" } });
        await using (var connection = await database.OpenAsync())
        await using (var update = connection.CreateCommand())
        {
            update.CommandText = """UPDATE "ReturnCases" SET "Data" = $data, "Revision" = "Revision" + 1""";
            var data = update.CreateParameter();
            data.ParameterName = "$data";
            data.Value = changed;
            update.Parameters.Add(data);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var third = await LoadAsync();
        Assert.Equal("Elsewhere", third.Case.ExporterName);
        Assert.Equal(changed, third.Record.Data);
    }

    private static async Task<CaseFile> SavedCaseAsync(IDbContextFactory<WorkflowDbContext> factory)
    {
        var file = new CaseFile { Case = ReturnFixtures.CaseOf(ReturnFixtures.Line()) with { ContactEmail = null } };
        await using var db = await factory.CreateDbContextAsync();
        CaseSession.Create(db, file, Now);
        await ModelWrites.SaveChangesAsync(db, default);
        return file;
    }
}
