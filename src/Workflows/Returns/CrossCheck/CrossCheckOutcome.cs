namespace ExportTaxCheck.Returns.CrossCheck;

public enum CrossCheckOutcome
{
    Matched,
    Mismatched,
    Unavailable,
}
