namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class CustomsOutageTestsOnPostgreSql() : CustomsOutageTests(TestDatabase.PostgreSql);
