namespace ExportTaxCheck.Engine.Persistence;

public enum BookmarkStatus
{
    Active,
    Consumed,
    Cancelled,
}
