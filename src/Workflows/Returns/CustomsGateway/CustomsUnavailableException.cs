using ExportTaxCheck.Returns.CrossCheck;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>The remote system could not be reached or failed (connection refused, timeout, 5xx): the retry budget applies.</summary>
public sealed class CustomsUnavailableException(UnavailableCause cause, string message, Exception? inner = null) : Exception(message, inner)
{
    public UnavailableCause Cause { get; } = cause;
}
