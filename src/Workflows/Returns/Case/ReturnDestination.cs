namespace ExportTaxCheck.Returns.Case;

/// <summary>E-06: where returning 1210 goods go (G-18, G-20).</summary>
public enum ReturnDestination
{
    DomesticNonZone,
    SpecialAreaThenDomesticNonZone,
    RemainsInSpecialArea,
}
