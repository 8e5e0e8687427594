namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class InvalidCaseTestsOnPostgreSql() : InvalidCaseTests(TestDatabase.PostgreSql);
