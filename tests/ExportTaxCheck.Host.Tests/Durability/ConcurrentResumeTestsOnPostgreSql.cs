namespace ExportTaxCheck.Host.Tests.Durability;

public sealed class ConcurrentResumeTestsOnPostgreSql() : ConcurrentResumeTests(TestDatabase.PostgreSql, poolSize: 8);
