namespace ExportTaxCheck.Returns.Clearance;

/// <summary>E-07 handling. The first five are permitted; A-08 makes repacking into the same packaging type count as unpacking.</summary>
public enum Handling
{
    Unpacked,
    Inspected,
    LabTested,
    Installed,
    Debugged,
    RepackedSameType,
    Rebranded,
    Bundled,
    Repaired,
}
