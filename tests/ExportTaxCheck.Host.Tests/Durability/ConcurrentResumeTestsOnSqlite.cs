namespace ExportTaxCheck.Host.Tests.Durability;

public sealed class ConcurrentResumeTestsOnSqlite() : ConcurrentResumeTests(TestDatabase.Sqlite);
