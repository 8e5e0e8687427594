namespace ExportTaxCheck.Returns.RefundDeclarations;

public enum RefundOutcome
{
    Accepted,
    PartiallyAccepted,
    Refused,
}
