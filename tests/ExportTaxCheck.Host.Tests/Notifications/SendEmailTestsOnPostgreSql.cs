namespace ExportTaxCheck.Host.Tests.Notifications;

public sealed class SendEmailTestsOnPostgreSql() : SendEmailTests(TestDatabase.PostgreSql);
