namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class HoldTestsOnSqlite() : HoldTests(TestDatabase.Sqlite);
