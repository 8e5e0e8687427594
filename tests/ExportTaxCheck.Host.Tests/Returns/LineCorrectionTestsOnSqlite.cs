namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class LineCorrectionTestsOnSqlite() : LineCorrectionTests(TestDatabase.Sqlite);
