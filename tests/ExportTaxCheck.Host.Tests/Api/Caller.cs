namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>Who sends a probe: an API key of a role, a signed-in officer's browser session (customs or tax), or nobody.</summary>
public enum Caller
{
    Analyst,
    Exporter,
    OtherExporter,
    Customs,
    Tax,
    Supervisor,
    System,
    OfficerPages,
    TaxPages,
    AnalystPages,
    Anonymous,
}
