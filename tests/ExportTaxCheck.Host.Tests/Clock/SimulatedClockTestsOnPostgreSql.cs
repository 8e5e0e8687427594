namespace ExportTaxCheck.Host.Tests.Clock;

public sealed class SimulatedClockTestsOnPostgreSql() : SimulatedClockTests(TestDatabase.PostgreSql)
{
    [Fact]
    public Task TwoNodes_MovedOnOne_EveryNodeShowsTheSameTime() => AssertNodesAgreeAsync();
}
