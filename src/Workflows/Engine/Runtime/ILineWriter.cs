namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Hears each line Elsa.WriteLine writes, at the moment it is written (Elsa writes to a TextWriter; the journal and the
/// log only have a step's lines once it commits). Optional: none is registered by default.
/// </summary>
public interface ILineWriter
{
    void WriteLine(string instanceId, string text);
}
