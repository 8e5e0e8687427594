namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class DeadlineTestsOnSqlite() : DeadlineTests(TestDatabase.Sqlite);
