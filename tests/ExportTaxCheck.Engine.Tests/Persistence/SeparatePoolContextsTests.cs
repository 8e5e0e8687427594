using ExportTaxCheck.Engine.Persistence;
using Npgsql;

namespace ExportTaxCheck.Engine.Tests.Persistence;

/// <summary>The built-in ends' PostgreSQL connections come from a pool of their own, a quarter of the engine's (at least 2).</summary>
public sealed class SeparatePoolContextsTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Database=etc;Maximum Pool Size=40", 10, "ExportTaxCheck (built-in ends)")]
    [InlineData("Host=127.0.0.1;Database=etc;Maximum Pool Size=1;Application Name=node-2", 2, "node-2 (built-in ends)")]
    [InlineData("Host=127.0.0.1;Database=etc;Minimum Pool Size=20", 25, "ExportTaxCheck (built-in ends)")]
    public void OwnPool_KeepsTheServerAndSettings_UnderAnotherNameAndASmallerSize(string engine, int size, string name)
    {
        var own = new NpgsqlConnectionStringBuilder(SeparatePoolContexts.OwnPool(engine));
        var original = new NpgsqlConnectionStringBuilder(engine);

        Assert.Equal(name, own.ApplicationName);
        Assert.Equal(size, own.MaxPoolSize);
        Assert.True(own.MinPoolSize <= own.MaxPoolSize);
        Assert.Equal(original.Host, own.Host);
        Assert.Equal(original.Database, own.Database);
        // Npgsql keys its pools by connection string: another string is another pool.
        Assert.NotEqual(original.ConnectionString, own.ConnectionString);
    }
}
