namespace ExportTaxCheck.Host.Tests.Notifications;

public sealed class GuidanceMailTestsOnSqlite() : GuidanceMailTests(TestDatabase.Sqlite);
