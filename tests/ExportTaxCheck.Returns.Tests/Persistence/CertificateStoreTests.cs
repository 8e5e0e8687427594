using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Returns.Tests.Persistence;

/// <summary>
/// The registry a case works with holds every certificate on its export documents, its own and other cases' (a second
/// use of the same export line must be seen), saved or only added in the unit of work; and the numbers drawn for cases
/// and certificates count up per name. On both databases.
/// </summary>
public sealed class CertificateStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 6, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task LoadForCase_HoldsTheCertificatesOnItsDocuments_SavedOrOnlyAdded(TestDatabase provider)
    {
        await using var database = await ScratchDatabase.CreateAsync(provider);
        await using var services = await ServicesAsync(database);
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var a1 = On("D-1", "C-A1");
        var b1 = On("D-1", "C-B1");
        var b2 = On("D-2", "C-B2");
        var c3 = On("D-3", "C-C3");
        await using (var db = await factory.CreateDbContextAsync())
        {
            var store = new CertificateStore(db);
            store.Save(new CertificateRegistry([a1]), "RC-A", Now);
            store.Save(new CertificateRegistry([b1, b2]), "RC-B", Now);
            store.Save(new CertificateRegistry([c3]), "RC-C", Now);
            await db.SaveChangesAsync();
        }

        await using (var view = await factory.CreateDbContextAsync())
        {
            view.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            var store = new CertificateStore(view);
            var registry = await store.LoadForCaseAsync("RC-A", default);
            Assert.Equal(["C-A1", "C-B1"], Numbers(registry.Certificates));
            Assert.Equal(["C-A1"], Numbers(store.OfCase(registry, "RC-A")));
            Assert.Empty((await new CertificateStore(view).LoadForCaseAsync("RC-NONE", default)).Certificates);
        }

        await using var step = await factory.CreateDbContextAsync();
        var first = new CertificateStore(step);
        var a3 = On("D-3", "C-A3");
        first.Save(new CertificateRegistry([.. (await first.LoadForCaseAsync("RC-A", default)).Certificates, a3]), "RC-A", Now);

        // Read again in the same unit of work before it is saved: the added certificate's document brings its other certificates.
        var again = new CertificateStore(step);
        var loaded = await again.LoadForCaseAsync("RC-A", default);
        Assert.Equal(["C-A1", "C-A3", "C-B1", "C-C3"], Numbers(loaded.Certificates));
        Assert.Equal(["C-A1", "C-A3"], Numbers(again.OfCase(loaded, "RC-A")));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task LoadByNumber_HoldsEveryCertificateOnTheNumberedOnesDocument_AndNothingForAnUnknownNumber(TestDatabase provider)
    {
        await using var database = await ScratchDatabase.CreateAsync(provider);
        await using var services = await ServicesAsync(database);
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var store = new CertificateStore(db);
            store.Save(new CertificateRegistry([On("D-1", "C-A1")]), "RC-A", Now);
            store.Save(new CertificateRegistry([On("D-1", "C-B1"), On("D-2", "C-B2")]), "RC-B", Now);
            await db.SaveChangesAsync();
        }

        await using var step = await factory.CreateDbContextAsync();
        var loading = new CertificateStore(step);
        var (registry, certificate) = await loading.LoadByNumberAsync("C-B1", default);
        Assert.Equal("C-B1", certificate?.CertificateNo);
        Assert.Equal(["C-A1", "C-B1"], Numbers(registry.Certificates));
        Assert.Equal("RC-B", loading.CaseOf(certificate!));
        // Known to the unit of work as read: saving an unchanged registry writes nothing.
        loading.Save(registry, "RC-B", Now);
        Assert.False(step.ChangeTracker.HasChanges());

        var (none, missing) = await new CertificateStore(step).LoadByNumberAsync("C-NONE", default);
        Assert.Null(missing);
        Assert.Empty(none.Certificates);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task LoadForExportDocs_OnMoreDocumentsThanOneStatementTakes_HoldsTheCertificatesOfEach(TestDatabase provider)
    {
        await using var database = await ScratchDatabase.CreateAsync(provider);
        await using var services = await ServicesAsync(database);
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        var docs = Enumerable.Range(1, InListQuery.PerQuery + 8).Select(i => $"D-{i:00}").ToList();
        await using (var db = await factory.CreateDbContextAsync())
        {
            new CertificateStore(db).Save(new CertificateRegistry(docs.Select(d => On(d, "C-" + d))), "RC-A", Now);
            await db.SaveChangesAsync();
        }

        await using var step = await factory.CreateDbContextAsync();
        // Every document but the first, one of them twice; and one no certificate is on.
        var asked = docs.Skip(1).Append(docs[5]).Append("D-NONE").ToList();
        var registry = await new CertificateStore(step).LoadForExportDocsAsync(asked, default);
        Assert.Equal(docs.Skip(1).Select(d => (string?)("C-" + d)).ToList(), Numbers(registry.Certificates));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task Next_CountsUpPerName_FromOne(TestDatabase provider)
    {
        await using var database = await ScratchDatabase.CreateAsync(provider);
        await using var services = await ServicesAsync(database);
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

        Assert.Equal(1, await Sequences.NextAsync(db, "case:2026", default));
        Assert.Equal(2, await Sequences.NextAsync(db, "case:2026", default));
        Assert.Equal(1, await Sequences.NextAsync(db, "case:2027", default));
        Assert.Equal(3, await Sequences.NextAsync(db, "case:2026", default));
    }

    private static Certificate On(string exportDocNo, string number) =>
        ReturnFixtures.Certificate(certificateNo: number, applicationId: Guid.NewGuid()) with { ExportDeclarationNo = exportDocNo };

    private static List<string?> Numbers(IEnumerable<Certificate> certificates) => certificates.Select(c => c.CertificateNo).Order(StringComparer.Ordinal).ToList();

    private static Task<ServiceProvider> ServicesAsync(ScratchDatabase database) => database.ReadyServicesAsync();
}
