namespace ExportTaxCheck.Host.Tests.Tasks;

public sealed class TaskApiTestsOnPostgreSql() : TaskApiTests(TestDatabase.PostgreSql);
