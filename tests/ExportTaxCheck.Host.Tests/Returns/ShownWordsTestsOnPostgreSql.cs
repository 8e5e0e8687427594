namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class ShownWordsTestsOnPostgreSql() : ShownWordsTests(TestDatabase.PostgreSql);
