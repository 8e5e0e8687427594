namespace ExportTaxCheck.Host.Tests.Tasks;

public sealed class TaskConcurrencyTestsOnSqlite() : TaskConcurrencyTests(TestDatabase.Sqlite);
