namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>Who sends a probe: an API key of a role, a signed-in officer's browser session, or nobody.</summary>
public enum Caller
{
    Analyst,
    Exporter,
    OtherExporter,
    Customs,
    Tax,
    System,
    OfficerPages,
    AnalystPages,
    Anonymous,
}
