namespace ExportTaxCheck.Host.Tests.Api;

public sealed class WorkflowDefinitionsApiTestsOnSqlite() : WorkflowDefinitionsApiTests(TestDatabase.Sqlite);
