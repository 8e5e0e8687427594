namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class ReturnCaseScenarioTestsOnPostgreSql() : ReturnCaseScenarioTests(TestDatabase.PostgreSql);
