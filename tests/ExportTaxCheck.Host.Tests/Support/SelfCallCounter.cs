using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ExportTaxCheck.Host.Tests.Support;

/// <summary>Counts the requests a Host receives at its built-in customs and tax ends (<c>/customs/api</c>, <c>/tax/api</c>).</summary>
public sealed class SelfCallCounter : IStartupFilter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, call) =>
        {
            if (context.Request.Path.StartsWithSegments("/customs/api", StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.StartsWithSegments("/tax/api", StringComparison.OrdinalIgnoreCase))
                Interlocked.Increment(ref _count);
            await call(context);
        });
        next(app);
    };
}
