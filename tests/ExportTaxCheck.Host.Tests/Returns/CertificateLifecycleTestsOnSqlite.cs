namespace ExportTaxCheck.Host.Tests.Returns;

public sealed class CertificateLifecycleTestsOnSqlite() : CertificateLifecycleTests(TestDatabase.Sqlite);
