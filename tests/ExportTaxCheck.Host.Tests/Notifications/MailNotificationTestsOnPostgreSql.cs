namespace ExportTaxCheck.Host.Tests.Notifications;

public sealed class MailNotificationTestsOnPostgreSql() : MailNotificationTests(TestDatabase.PostgreSql);
