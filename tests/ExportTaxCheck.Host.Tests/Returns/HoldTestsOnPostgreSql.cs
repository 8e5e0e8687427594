namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class HoldTestsOnPostgreSql() : HoldTests(TestDatabase.PostgreSql);
