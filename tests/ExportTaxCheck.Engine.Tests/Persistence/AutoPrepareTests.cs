using Npgsql;

namespace ExportTaxCheck.Engine.Tests.Persistence;

public class AutoPrepareTests
{
    [Fact]
    public void APostgreSqlConnectionString_GetsAutomaticPreparation()
    {
        var builder = new NpgsqlConnectionStringBuilder(ServiceCollectionExtensions.WithAutoPrepare("Host=127.0.0.1;Port=5433;Database=cases;Username=etc"));

        Assert.Equal(64, builder.MaxAutoPrepare);
        Assert.Equal(2, builder.AutoPrepareMinUsages);
        Assert.Equal("cases", builder.Database);
        Assert.Equal(5433, builder.Port);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Max Auto Prepare=0", 0)]
    [InlineData("Host=127.0.0.1;maxautoprepare=8", 8)]
    public void ASettingOfItsOwn_IsKept(string connectionString, int expected)
    {
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(ServiceCollectionExtensions.WithAutoPrepare(connectionString)).MaxAutoPrepare);
    }
}
