namespace ExportTaxCheck.Returns.Case;

public enum EnterpriseType
{
    Trading,
    Manufacturer,
    Other,
}
