namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>Customs refused the certificate message itself (NACK): resending will not help.</summary>
public sealed class CustomsRejectedException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
