namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class RefundDeclarationTestsOnPostgreSql() : RefundDeclarationTests(TestDatabase.PostgreSql);
