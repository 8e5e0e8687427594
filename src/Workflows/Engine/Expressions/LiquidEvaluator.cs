using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine.Expressions;

/// <summary>
/// Liquid (Fluid, as Elsa renders it) for flow expressions and for the e-mail templates. Analysts write both, so every
/// render is bounded (<see cref="LiquidOptions"/>): steps and loop iterations, output and collection sizes, the memory it
/// allocates and its time on the injected clock. A render past a bound, like any Liquid error, raises an
/// <see cref="ExpressionException"/> that says which bound; nothing is printed into the output. Parsed templates are cached.
/// </summary>
public sealed class LiquidEvaluator
{
    private const int MaxCachedTemplates = 10_000;
    private static readonly FluidParser Parser = new();

    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);
    private readonly LiquidOptions _limits;
    private readonly TemplateOptions _options;
    private readonly TimeProvider _clock;

    public LiquidEvaluator(IOptions<LiquidOptions> options, TimeProvider clock)
    {
        _limits = options.Value;
        _clock = clock;
        _options = new TemplateOptionsBuilder()
            .WithCultureInfo(CultureInfo.InvariantCulture)
            .WithNow(clock.GetUtcNow)
            .WithTimeZone(TimeZoneInfo.Utc)
            .WithMaxSteps(_limits.MaxSteps)
            .WithMaxOutputSize(_limits.MaxOutputChars)
            .WithMaxCollectionSize(_limits.MaxCollectionItems)
            .WithMaxRecursion(32)
            // Every filter, assign and capture can grow what the render holds: each one checks the memory budget.
            .ConfigureFilters(filters =>
            {
                foreach (var (name, filter) in filters.ToList())
                    filters.AddFilter(name, async (input, arguments, context) =>
                    {
                        var result = await filter(input, arguments, context);
                        LiquidBudget.Check(context);
                        return result;
                    });
            })
            .WithAssigned((_, value, context) => Checked(value, context))
            .WithCaptured((_, value, context) => Checked(value, context))
            .Build();
    }

    public async ValueTask<string> RenderAsync(string source, IDictionary<string, object?> model, CancellationToken cancellationToken = default)
    {
        var template = Parse(source);
        var context = new TemplateContext(_options);
        foreach (var (name, value) in model)
            context.SetValue(name, value is null ? NilValue.Instance : FluidValue.Create(value, _options));
        new LiquidBudget(_limits.MemoryLimitBytes).AttachTo(context);
        using var deadline = new CancellationTokenSource(_limits.Timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        context.CancellationToken = linked.Token;
        try
        {
            return await template.RenderAsync(context, NullEncoder.Default);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ExpressionException($"Liquid template ran longer than {_limits.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.", ex);
        }
        catch (LiquidLimitException ex)
        {
            throw new ExpressionException($"Liquid template {ex.Message}.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fluid reports its own limits (steps, output, collection size, recursion) and template errors this way.
            throw new ExpressionException($"Liquid error: {ex.Message}", ex);
        }
    }

    public string? CheckSyntax(string source)
    {
        try
        {
            Parse(source);
            return null;
        }
        catch (ExpressionException ex)
        {
            return ex.Message;
        }
    }

    private static ValueTask<FluidValue> Checked(FluidValue value, TemplateContext context)
    {
        LiquidBudget.Check(context);
        return new ValueTask<FluidValue>(value);
    }

    private IFluidTemplate Parse(string source)
    {
        if (_templates.TryGetValue(source, out var template))
            return template;
        // Render limits do not bound parsing: a template's length does.
        if (source.Length > _limits.MaxTemplateChars)
            throw new ExpressionException($"Liquid template has {source.Length} characters; at most {_limits.MaxTemplateChars} are parsed.");
        if (!Parser.TryParse(source, out template, out var error))
            throw new ExpressionException($"Liquid syntax error: {error}");
        if (_templates.Count < MaxCachedTemplates)
            _templates.TryAdd(source, template);
        return template;
    }

    /// <summary>The model an expression sees: <c>Variables</c>, <c>Input</c>, <c>WorkflowInstanceId</c>, <c>CorrelationId</c>, <c>Workflow</c>.</summary>
    public static IDictionary<string, object?> CreateModel(IExpressionScope scope)
    {
        var variables = scope.VariableNames.ToDictionary(n => n, n => ToLiquid(ValueConverter.ToJson(scope.GetVariable(n))), StringComparer.Ordinal);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Variables"] = variables,
            ["Input"] = ToLiquid(scope.WorkflowInput),
            ["WorkflowInstanceId"] = scope.InstanceId,
            ["CorrelationId"] = scope.CorrelationId,
            ["Workflow"] = new Dictionary<string, object?>
            {
                ["Id"] = scope.InstanceId,
                ["DefinitionId"] = scope.DefinitionId,
                ["Version"] = scope.DefinitionVersion,
                ["CorrelationId"] = scope.CorrelationId,
                ["Name"] = scope.InstanceName,
            },
        };
    }

    /// <summary>JSON to the dictionaries, lists and scalars a template walks.</summary>
    public static object? ToLiquid(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToLiquid(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(ToLiquid).ToList(),
        _ => ValueConverter.ToPlain(node),
    };
}
