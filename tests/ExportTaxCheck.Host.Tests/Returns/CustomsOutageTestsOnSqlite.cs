namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class CustomsOutageTestsOnSqlite() : CustomsOutageTests(TestDatabase.Sqlite);
