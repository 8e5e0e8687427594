namespace ExportTaxCheck.Host.Tests.Tasks;

public sealed class TaskInboxApiTestsOnSqlite() : TaskInboxApiTests(TestDatabase.Sqlite);
