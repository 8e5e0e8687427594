namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class DoubleUseTestsOnPostgreSql() : DoubleUseTests(TestDatabase.PostgreSql);
