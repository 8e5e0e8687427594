namespace ExportTaxCheck.Returns.Clearance;

public enum UsageException
{
    None,
    DefectOnlyFoundAfterTrial,
    CustomerReturnedAfterTrial,
}
