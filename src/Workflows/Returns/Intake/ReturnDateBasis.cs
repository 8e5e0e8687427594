namespace ExportTaxCheck.Returns.Intake;

/// <summary>Which entry date the window test uses: the planned one at screening, the actual one at clearance .</summary>
public enum ReturnDateBasis
{
    Planned,
    Actual,
}
