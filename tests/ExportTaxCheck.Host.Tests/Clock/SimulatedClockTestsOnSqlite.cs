namespace ExportTaxCheck.Host.Tests.Clock;

public sealed class SimulatedClockTestsOnSqlite() : SimulatedClockTests(TestDatabase.Sqlite);
