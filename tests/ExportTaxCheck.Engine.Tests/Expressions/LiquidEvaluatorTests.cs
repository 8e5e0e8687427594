using ExportTaxCheck.Engine.Expressions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ExportTaxCheck.Engine.Tests.Expressions;

/// <summary>
/// Liquid an analyst writes cannot take the Host's memory or a core: each bomb ends with an <see cref="ExpressionException"/>
/// naming the bound it hit, and the render allocated no more than a little past the 32 MiB budget.
/// </summary>
public sealed class LiquidEvaluatorTests
{
    /// <summary>Generous: the budget is 32 MiB, checked after each filter, whose result Fluid bounds at 1 Mi characters.</summary>
    private const long AllocationCeiling = 64L * 1024 * 1024;

    private static readonly Dictionary<string, object?> Model = new(StringComparer.Ordinal)
    {
        ["caseId"] = "RC-2026-000001",
        ["exporterName"] = "<Lanbo & Co>",
        ["certificates"] = new List<object?> { new Dictionary<string, object?> { ["number"] = "N-1" }, new Dictionary<string, object?> { ["number"] = "N-2" } },
        ["event"] = new Dictionary<string, object?> { ["codes"] = new List<object?> { "E-01", "E-02" } },
    };

    private static LiquidEvaluator Evaluator(TimeProvider? clock = null) =>
        new(Options.Create(new LiquidOptions()), clock ?? new FakeTimeProvider());

    [Fact]
    public async Task RenderAsync_TemplateOverModel_WalksObjectsListsAndFilters()
    {
        var text = await Evaluator().RenderAsync(
            "{{ caseId }}: {{ exporterName | escape }}{% for c in certificates %} {{ c.number }}{% endfor %}{% for code in event.codes %} {{ code }}{% endfor %}{% if missing %}!{% endif %}",
            Model);

        Assert.Equal("RC-2026-000001: &lt;Lanbo &amp; Co&gt; N-1 N-2 E-01 E-02", text);
    }

    [Theory]
    [InlineData("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}", "output size")]
    [InlineData("{% for i in (1..100000000) %}{% endfor %}", "collection size")]
    [InlineData("{% assign r = (1..2000) %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}", "steps")]
    [InlineData("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..16) %}{% assign s = s | append: s %}{% endfor %}{% assign a = '' | split: ',' %}{% for i in (1..3000) %}{% assign t = s | append: i | split: '§' %}{% assign a = a | concat: t %}{% endfor %}{{ a | size }}",
        "allocated more than 32 MiB")]
    public async Task RenderAsync_Bomb_FaultsNamingTheBound_AndStaysUnderTheMemoryCeiling(string bomb, string bound)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = await Assert.ThrowsAsync<ExpressionException>(async () => await Evaluator().RenderAsync(bomb, Model));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains(bound, error.Message, StringComparison.Ordinal);
        Assert.True(allocated < AllocationCeiling, $"The render allocated {allocated / 1048576.0:0.0} MiB before it stopped.");
    }

    [Fact]
    public async Task RenderAsync_TemplateStillRunningAfterTwoSecondsOnTheClock_FaultsWithTheTimeBound()
    {
        // Every read of "now" moves the clock 100 ms: the 21st read is past the 2 s budget.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(100) };

        var error = await Assert.ThrowsAsync<ExpressionException>(async () =>
            await Evaluator(clock).RenderAsync("{% for i in (1..1000) %}{{ 'now' | date: '%s' }}{% endfor %}", Model));

        Assert.Equal("Liquid template ran longer than 2 s.", error.Message);
    }

    [Fact]
    public async Task RenderAsync_TemplateLongerThanTheParseLimit_IsRefusedUnparsed()
    {
        var error = await Assert.ThrowsAsync<ExpressionException>(async () => await Evaluator().RenderAsync(new string('x', 256 * 1024 + 1), Model));

        Assert.Contains("at most 262144 are parsed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSyntax_BrokenTemplate_NamesTheError()
    {
        Assert.StartsWith("Liquid syntax error", Evaluator().CheckSyntax("{% for x in %}{% endfor"), StringComparison.Ordinal);
        Assert.Null(Evaluator().CheckSyntax("{{ caseId }}"));
    }
}
