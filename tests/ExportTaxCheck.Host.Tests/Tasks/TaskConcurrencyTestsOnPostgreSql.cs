namespace ExportTaxCheck.Host.Tests.Tasks;

public sealed class TaskConcurrencyTestsOnPostgreSql() : TaskConcurrencyTests(TestDatabase.PostgreSql);
