namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class ShownWordsTestsOnSqlite() : ShownWordsTests(TestDatabase.Sqlite);
