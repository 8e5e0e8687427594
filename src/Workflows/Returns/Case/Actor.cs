namespace ExportTaxCheck.Returns.Case;

public enum Actor
{
    Exporter,
    System,
    TaxOfficer,
    CustomsOfficer,
}
