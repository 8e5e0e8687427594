using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Returns.Tests.Persistence;

/// <summary>
/// A bulk load of reference data finds the stored lines it replaces many documents a statement: each line's row in the
/// order asked, none where there is none, the rows the unit of work already holds as it holds them. On both databases.
/// </summary>
public sealed class ReferenceDataTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 6, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task FindManyTracked_GivesEachLinesRowInTheOrderAsked_AcrossStatements(TestDatabase provider)
    {
        await using var database = await ScratchDatabase.CreateAsync(provider);
        await using var services = await database.ReadyServicesAsync();
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        // More documents than one statement takes, two items on each.
        var docs = Enumerable.Range(1, 40).Select(i => $"5300202600{i:00000000}").ToList();
        await using (var db = await factory.CreateDbContextAsync())
        {
            foreach (var line in docs.SelectMany(d => new[] { Line(d, 1), Line(d, 2) }))
                ReferenceData.Add(db, line, Now);
            await db.SaveChangesAsync();
        }

        await using var load = await factory.CreateDbContextAsync();
        var held = await ReferenceData.FindTrackedAsync(load, docs[3], 2, default);
        (string, int)[] keys = [(docs[0], 1), (docs[39], 2), (docs[3], 2), (docs[7], 3), ("530020269999999999", 1), (docs[0], 1), (docs[20], 2)];
        var rows = await ReferenceData.FindManyTrackedAsync(load, keys, default);

        Assert.Equal(keys.Length, rows.Count);
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i].Item2 == 3 || keys[i].Item1 == "530020269999999999")
            {
                Assert.Null(rows[i]);
                continue;
            }
            Assert.Equal(keys[i], (rows[i]!.ExportDocNo, rows[i]!.ItemNo));
            Assert.Equal(EntityState.Unchanged, load.Entry(rows[i]!).State);
        }
        Assert.Same(held, rows[2]);
        Assert.Same(rows[0], rows[5]);
        // Only the lines asked for are tracked (the other item on each document read is not).
        Assert.Equal(4, load.ChangeTracker.Entries<ExportLineRecord>().Count());
    }

    private static ExportLineData Line(string declarationNo, int itemNo) =>
        new() { Export = ReturnFixtures.Export(declarationNo: declarationNo, itemNo: itemNo) };
}
