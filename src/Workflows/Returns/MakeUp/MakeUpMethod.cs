namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>G-35, G-36.</summary>
public enum MakeUpMethod
{
    None,
    Repaid,
    Offset,
}
