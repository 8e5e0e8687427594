using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// An EF Core compiled query for each model it meets. A compiled query serves the model it was first run with and refuses
/// a context of another, and one process can hold several models (each provider has its own; the tests run SQLite and
/// PostgreSQL Hosts side by side), so each model gets its own compilation of the same query.
/// </summary>
/// <typeparam name="TQuery">The delegate <see cref="EF.CompileAsyncQuery{TContext,TParam1,TResult}(System.Linq.Expressions.Expression{Func{TContext,TParam1,CancellationToken,TResult}})"/> returns.</typeparam>
public sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _compiled = new(ReferenceEqualityComparer.Instance);

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db) => _compiled.GetOrAdd(db.Model, static (_, compile) => compile(), compile);
}
