using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>The services one step runs with.</summary>
public sealed record StepEnvironment(
    IServiceProvider Services,
    TimeProvider Clock,
    ExpressionEvaluator Evaluator,
    WorkflowDbContext Db,
    StepEffects Effects,
    CancellationToken CancellationToken,
    int MaxActivitiesPerStep = 10_000)
{
    /// <summary>The minimum timer interval and the per-instance quotas.</summary>
    public RuntimeOptions Limits { get; init; } = new();
}
