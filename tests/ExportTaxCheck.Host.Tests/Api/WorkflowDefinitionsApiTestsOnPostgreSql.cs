namespace ExportTaxCheck.Host.Tests.Api;

public sealed class WorkflowDefinitionsApiTestsOnPostgreSql() : WorkflowDefinitionsApiTests(TestDatabase.PostgreSql);
