namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class CertificateLifecycleTestsOnPostgreSql() : CertificateLifecycleTests(TestDatabase.PostgreSql);
