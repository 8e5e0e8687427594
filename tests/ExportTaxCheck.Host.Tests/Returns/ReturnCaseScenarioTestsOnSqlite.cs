namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class ReturnCaseScenarioTestsOnSqlite() : ReturnCaseScenarioTests(TestDatabase.Sqlite);
