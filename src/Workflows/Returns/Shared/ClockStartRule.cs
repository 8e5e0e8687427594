namespace ExportTaxCheck.Returns.Shared;

/// <summary>E-05/E-06: every version so far starts the clock at the export date, or the area exit date for 1210.</summary>
public enum ClockStartRule
{
    ExportDateOrAreaExitFor1210,
}
