using System.Collections.Concurrent;
using ExportTaxCheck.Engine.Runtime;

namespace ExportTaxCheck.Engine.Tests.Support;

/// <summary>The lines WriteLine wrote in every instance, in the order they were written (elsa-core's CapturingTextWriter).</summary>
public sealed class CapturingLineWriter : ILineWriter
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public void WriteLine(string instanceId, string text) => _lines.Enqueue(text);
}
