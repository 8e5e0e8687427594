namespace ExportTaxCheck.Engine.Tasks;

public enum HumanTaskStatus
{
    Open,
    Claimed,
    Completed,
    Cancelled,
}
