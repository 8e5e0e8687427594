namespace ExportTaxCheck.Host.Tests.Notifications;

public sealed class MailNotificationTestsOnSqlite() : MailNotificationTests(TestDatabase.Sqlite);
