namespace ExportTaxCheck.Host.Tests.Tasks;

public sealed class TaskApiTestsOnSqlite() : TaskApiTests(TestDatabase.Sqlite);
