namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class RefundDeclarationTestsOnSqlite() : RefundDeclarationTests(TestDatabase.Sqlite);
