namespace ExportTaxCheck.Returns.Case;

/// <summary>G-24, G-25; Repair, Exchange and Other exist so that E-04 can refuse them.</summary>
public enum ReturnReason
{
    Unsold,
    CustomerReturn,
    Repair,
    Exchange,
    Other,
}
