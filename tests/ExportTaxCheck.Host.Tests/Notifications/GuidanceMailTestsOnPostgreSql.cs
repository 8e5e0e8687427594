namespace ExportTaxCheck.Host.Tests.Notifications;

public sealed class GuidanceMailTestsOnPostgreSql() : GuidanceMailTests(TestDatabase.PostgreSql);
