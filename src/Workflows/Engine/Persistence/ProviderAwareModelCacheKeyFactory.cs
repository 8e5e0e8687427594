using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// The model differs per provider (SQLite stores times as ticks) and per set of modules, so the model cache is keyed by
/// both: two hosts in one process with other modules or providers do not share a model.
/// </summary>
public sealed class ProviderAwareModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context.Database.ProviderName, designTime,
            context.GetService<IDbContextOptions>().FindExtension<ModelModulesExtension>()?.Key);
}
