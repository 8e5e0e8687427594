using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Returns.Tests.Persistence;

/// <summary>
/// The earlier returns a case weighs (E-11 quantities, C-05 make-up shares) are the claims that count, of other cases, on
/// its export documents, every column read as stored. On both databases.
/// </summary>
public sealed class ReturnLineClaimsTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 6, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task OthersOn_AreTheCountingClaimsOfOtherCasesOnTheDocuments_AsStored(TestDatabase provider)
    {
        await using var database = await ScratchDatabase.CreateAsync(provider);
        await using var services = await database.ReadyServicesAsync();
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        ReturnLineClaimRecord[] claims =
        [
            Claim("RC-OWN", 1, "D-1", 1, 2m),
            Claim("RC-B", 1, "D-1", 1, 1.12345m, makeUpVat: 13.01m, makeUpCt: 0m, fob: 1234567.89m, duty: 5.5m),
            Claim("RC-B", 2, "D-1", 2, 3m),
            Claim("RC-C", 1, "D-2", 1, 4m, makeUpVat: 0.01m),
            Claim("RC-D", 1, "D-1", 1, 9m, counts: false),
            Claim("RC-E", 1, "D-3", 1, 7m),
        ];
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.AddRange(claims);
            await db.SaveChangesAsync();
        }

        await using var read = await factory.CreateDbContextAsync();
        var found = await ReturnLineClaims.OthersOnAsync(read, "RC-OWN", ["D-1", "D-2", "D-1"], default);

        // As EF Core reads them (a decimal keeps the scale the column gives it).
        var expected = (await read.Set<ReturnLineClaimRecord>().AsNoTracking().ToListAsync())
            .Where(c => (c.CaseId, c.LineNo) is ("RC-B", 1) or ("RC-B", 2) or ("RC-C", 1)).OrderBy(c => c.CaseId, StringComparer.Ordinal).ThenBy(c => c.LineNo);
        Assert.Equal(expected.Select(Columns), found.Select(Columns));
        Assert.Empty(read.ChangeTracker.Entries());
        Assert.Empty(await ReturnLineClaims.OthersOnAsync(read, "RC-OWN", ["D-9"], default));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task OfCase_AreTheCaseClaims_TrackedAsAQueryTracksThem_SoTheirChangesAreSaved(TestDatabase provider)
    {
        await using var database = await ScratchDatabase.CreateAsync(provider);
        await using var services = await database.ReadyServicesAsync();
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.AddRange(Claim("RC-A", 2, "D-1", 2, 1m), Claim("RC-A", 1, "D-1", 1, 2.5m, makeUpVat: 1.25m), Claim("RC-B", 1, "D-1", 1, 3m));
            await db.SaveChangesAsync();
        }

        await using (var view = await factory.CreateDbContextAsync())
        {
            view.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            Assert.Equal(2, (await ReturnLineClaims.OfCaseAsync(view, "RC-A", default)).Count);
            Assert.Empty(view.ChangeTracker.Entries());
        }

        await using (var step = await factory.CreateDbContextAsync())
        {
            var claims = await ReturnLineClaims.OfCaseAsync(step, "RC-A", default);
            var expected = await step.Set<ReturnLineClaimRecord>().AsNoTracking().Where(c => c.CaseId == "RC-A").OrderBy(c => c.LineNo).ToListAsync();
            Assert.Equal(expected.Select(Columns), claims.Select(Columns));
            claims[1].Counts = false;
            await step.SaveChangesAsync();
        }

        await using var read = await factory.CreateDbContextAsync();
        Assert.Equal([true, false, true], await read.Set<ReturnLineClaimRecord>().OrderBy(c => c.CaseId).ThenBy(c => c.LineNo).Select(c => c.Counts).ToListAsync());
    }

    private static ReturnLineClaimRecord Claim(string caseId, int lineNo, string doc, int item, decimal qty, decimal? makeUpVat = null, decimal? makeUpCt = null,
        decimal? fob = null, decimal? duty = null, bool counts = true) => new()
    {
        CaseId = caseId, LineNo = lineNo, ExportDocNo = doc, ExportItemNo = item, ReturnedQty = qty, Counts = counts, MakeUpVat = makeUpVat, MakeUpCt = makeUpCt,
        FobCnyReturned = fob, ExportDutyRefund = duty, CreatedAt = Now.AddMinutes(lineNo),
    };

    private static string Columns(ReturnLineClaimRecord c) =>
        $"{c.CaseId}|{c.LineNo}|{c.ExportDocNo}|{c.ExportItemNo}|{c.ReturnedQty}|{c.Counts}|{c.MakeUpVat}|{c.MakeUpCt}|{c.FobCnyReturned}|{c.ExportDutyRefund}|{c.CreatedAt:O}";
}
