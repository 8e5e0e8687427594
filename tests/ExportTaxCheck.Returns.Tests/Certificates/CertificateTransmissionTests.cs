using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.Tests.Certificates;

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
