namespace ExportTaxCheck.Returns.Shared;

/// <summary>An original export line: document number plus item number. For declarations <c>ToString()</c> is the 21-character tax key (G-07).</summary>
public readonly record struct ExportLineKey(string ExportDocNo, int ItemNo)
{
    public override string ToString() => $"{ExportDocNo}{ItemNo:000}";
}
