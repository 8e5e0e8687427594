namespace ExportTaxCheck.Host.Tests.Notifications;

public sealed class SendEmailTestsOnSqlite() : SendEmailTests(TestDatabase.Sqlite);
