namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class LineCorrectionTestsOnPostgreSql() : LineCorrectionTests(TestDatabase.PostgreSql);
