using System.Net;

namespace ExportTaxCheck.Host.Tests.Clock;

/// <summary>The movable clock never reaches Production: refused at start, and without it there is no clock API or banner.</summary>
[Collection(ClockCollection.Name)]
public sealed class ClockInProductionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-clock-prod-").FullName;

    [Fact]
    public async Task AdjustableClockInProduction_HostRefusesToStart_NamingTheSetting()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(Path.Combine(_directory, "refused.db"),
            new Dictionary<string, string> { ["Clock__Mode"] = "Adjustable" }));

        Assert.Contains("Clock:Mode=Adjustable is refused in Production", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemClockInProduction_NoClockApiAndNoBanner()
    {
        await using var host = await HostProcess.StartAsync(Path.Combine(_directory, "system.db"));
        using var client = host.Client();

        using var clock = await client.GetAsync("/api/clock");
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var page = await anonymous.GetStringAsync("/signin");

        Assert.Equal(HttpStatusCode.NotFound, clock.StatusCode);
        Assert.DoesNotContain("Simulated time", page, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
