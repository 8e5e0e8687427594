namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class DeadlineTestsOnPostgreSql() : DeadlineTests(TestDatabase.PostgreSql);
