using Fluid;

namespace ExportTaxCheck.Engine.Expressions;

/// <summary>
/// The memory one render has allocated so far, checked where a template can make something big: after each filter
/// (append, concat, split, …), assign and capture. Fluid's own limits bound one value each; this bounds them together.
/// </summary>
internal sealed class LiquidBudget(long limitBytes)
{
    private const string Key = "exporttaxcheck.budget";
    private readonly int _thread = Environment.CurrentManagedThreadId;
    private readonly long _start = GC.GetAllocatedBytesForCurrentThread();

    public long LimitBytes => limitBytes;

    public void AttachTo(TemplateContext context) => context.AmbientValues[Key] = this;

    public static void Check(TemplateContext context)
    {
        if (context.AmbientValues.TryGetValue(Key, out var value) && value is LiquidBudget budget)
            budget.Check();
    }

    /// <summary>
    /// Renders over in-memory values complete synchronously, so they stay on the thread that started them; a render that
    /// moved to another thread (none does today) is bounded by the other limits only.
    /// </summary>
    public void Check()
    {
        if (Environment.CurrentManagedThreadId == _thread && GC.GetAllocatedBytesForCurrentThread() - _start > limitBytes)
            throw new LiquidLimitException($"allocated more than {limitBytes / (1024 * 1024)} MiB");
    }
}
