using ExportTaxCheck.Workflows.Returns;
using ExportTaxCheck.Workflows.Returns.Customs;

namespace ExportTaxCheck.Workflows.Tests.Returns.Customs;

public class CertificateTransmissionTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 16)]
    public void Backoff_V30Retries_DoublesFromOneMinute(int retry, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), CertificateTransmission.Backoff(retry, ReturnsDomainOptions.Default));
    }
}
