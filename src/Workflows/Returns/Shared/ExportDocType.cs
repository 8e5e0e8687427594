namespace ExportTaxCheck.Returns.Shared;

public enum ExportDocType
{
    Declaration,
    List,
}
