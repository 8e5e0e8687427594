namespace ExportTaxCheck.Engine.Runtime;

public static class Ids
{
    /// <summary>Time-ordered ids keep the primary-key index append-mostly.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");
}
