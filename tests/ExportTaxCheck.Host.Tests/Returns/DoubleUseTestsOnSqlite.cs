namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class DoubleUseTestsOnSqlite() : DoubleUseTests(TestDatabase.Sqlite);
