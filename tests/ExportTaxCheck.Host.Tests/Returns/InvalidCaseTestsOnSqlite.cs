namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class InvalidCaseTestsOnSqlite() : InvalidCaseTests(TestDatabase.Sqlite);
