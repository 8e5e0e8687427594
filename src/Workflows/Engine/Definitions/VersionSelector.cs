namespace ExportTaxCheck.Engine.Definitions;

public enum VersionSelector
{
    Latest,
    Published,
    LatestOrPublished,
    LatestAndPublished,
    Draft,
    All,
    Specific,
}
