namespace ExportTaxCheck.Returns.CrossCheck;

/// <summary>E-18: the infrastructure causes that open the paper branch.</summary>
public enum UnavailableCause
{
    SystemFailure,
    NetworkFailure,
    Timeout,
}
