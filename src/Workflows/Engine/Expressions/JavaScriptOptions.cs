namespace ExportTaxCheck.Engine.Expressions;

public sealed class JavaScriptOptions
{
    /// <summary>Wall-clock budget of one expression.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes one expression may allocate.</summary>
    public long MemoryLimitBytes { get; set; } = 32 * 1024 * 1024;

    public int MaxStatements { get; set; } = 1_000_000;

    public int MaxRecursionDepth { get; set; } = 256;
}
