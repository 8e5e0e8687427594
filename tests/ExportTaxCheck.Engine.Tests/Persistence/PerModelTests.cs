using ExportTaxCheck.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Tests.Persistence;

/// <summary>
/// One process can hold several models of the engine's context (a provider each, a set of modules each), and an EF Core
/// compiled query refuses every model but the first it ran with: each model gets its own compilation.
/// </summary>
public sealed class PerModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-permodel-").FullName;

    private static System.Linq.Expressions.Expression<Func<WorkflowDbContext, string, CancellationToken, SettingRecord?>> ByKey =>
        (db, key, _) => db.Set<SettingRecord>().AsNoTracking().FirstOrDefault(s => s.Key == key);

    private WorkflowDbContext Context(string file, params System.Reflection.Assembly[] modules)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        ServiceCollectionExtensions.ConfigureDatabase(builder, new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, file)}" }, modules);
        return new WorkflowDbContext(builder.Options);
    }

    [Fact]
    public async Task OneQuery_TwoModels_EachCompiledOnce_AndBothAnswer()
    {
        var compilations = 0;
        var byKey = new PerModel<Func<WorkflowDbContext, string, CancellationToken, Task<SettingRecord?>>>(() =>
        {
            compilations++;
            return EF.CompileAsyncQuery(ByKey);
        });
        await using var plain = Context("plain.db");
        await using var withModule = Context("module.db", typeof(PerModelTests).Assembly);
        foreach (var db in new[] { plain, withModule })
        {
            await db.Database.MigrateAsync();
            db.Add(new SettingRecord { Key = "k", Value = db == plain ? "plain" : "module", UpdatedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync();
        }

        var answers = new List<string?>();
        foreach (var db in new[] { plain, withModule, plain, withModule })
            answers.Add((await byKey.For(db)(db, "k", default))?.Value);

        Assert.NotSame(plain.Model, withModule.Model);
        Assert.Equal(["plain", "module", "plain", "module"], answers);
        Assert.Equal(2, compilations);
        // What it guards against: one compiled query across both models.
        var single = EF.CompileAsyncQuery(ByKey);
        await single(plain, "k", default);
        await Assert.ThrowsAsync<InvalidOperationException>(() => single(withModule, "k", default));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
