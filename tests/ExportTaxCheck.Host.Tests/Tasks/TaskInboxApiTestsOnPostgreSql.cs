namespace ExportTaxCheck.Host.Tests.Tasks;

public sealed class TaskInboxApiTestsOnPostgreSql() : TaskInboxApiTests(TestDatabase.PostgreSql);
