using ExportTaxCheck.Workflows.Definitions;
using ExportTaxCheck.Workflows.Runtime;

namespace ExportTaxCheck.Workflows.Activities;

/// <summary>
/// Base of every activity. An instance is bound to one node of one definition version and is shared by all
/// executions of that version, so it holds no execution state: that lives in the <see cref="ActivityContext"/>.
/// </summary>
public abstract class Activity
{
    public ActivityNode Node { get; internal set; } = null!;

    public ActivityDescriptor Descriptor { get; internal set; } = null!;

    public string Id => Node.Id;

    /// <summary>The inputs bound from the node, for definition-time checks.</summary>
    public IReadOnlyList<IInput> Inputs => BoundInputs;

    internal List<IInput> BoundInputs { get; } = [];

    /// <summary>Runs the activity when the flow reaches it.</summary>
    protected internal abstract ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>
    /// Runs when one of the bookmarks the activity created is resumed (<see cref="ActivityContext.Resumption"/>).
    /// Throwing a <see cref="ProblemException"/> refuses the resume (the caller gets the problem, nothing is committed);
    /// any other exception faults the activity.
    /// </summary>
    protected internal virtual ValueTask<ActivityResult> ResumeAsync(ActivityContext context) => new(ActivityResult.Done());

    /// <summary>Runs when the activity is cancelled while it waits (withdrawal, another branch won, instance cancelled).</summary>
    protected internal virtual ValueTask OnCancelledAsync(ActivityContext context) => ValueTask.CompletedTask;

    /// <summary>The outcome ports; null when they cannot be known before run time.</summary>
    public virtual IReadOnlyList<string>? GetOutcomes() => Descriptor.Outcomes;

    public virtual IEnumerable<ValidationError> Validate(ActivityValidationContext context) => [];

    protected static ActivityResult Done() => ActivityResult.Done();

    protected static ActivityResult Outcome(params string[] outcomes) => ActivityResult.Complete(outcomes);

    protected static ActivityResult Suspend() => ActivityResult.Suspend();
}

/// <summary>
/// An activity whose failures, once its retry policy is spent, become an outcome instead of an incident
/// (for example a remote system that stays unreachable). Return null to raise the incident after all.
/// </summary>
public interface IRetriesExhaustedHandler
{
    ValueTask<ActivityResult?> OnRetriesExhaustedAsync(ActivityContext context, Exception exception);
}

/// <summary>An activity that can start a new workflow instance (Event, Timer, Cron).</summary>
public interface ITriggerActivity
{
    /// <summary>The triggers to index when the definition is published.</summary>
    IEnumerable<TriggerRequest> GetTriggers(TriggerContext context);
}

public sealed record ActivityValidationContext(WorkflowDefinitionModel Definition, ActivityNode Node, ActivityDescriptor Descriptor)
{
    public bool HasVariable(string idOrName) =>
        Definition.Variables?.Any(v => v.Id == idOrName || v.Name == idOrName) == true;
}

/// <summary>What an activity asks of the interpreter after it ran.</summary>
public abstract record ActivityResult
{
    private static readonly Completed DoneResult = new(["Done"]);

    public static ActivityResult Done() => DoneResult;

    public static ActivityResult Complete(IReadOnlyList<string> outcomes) => new Completed(outcomes);

    public static ActivityResult Suspend() => SuspendedResult.Instance;

    /// <summary>Complete with the given outcome ports followed.</summary>
    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    /// <summary>Wait: the activity created at least one bookmark.</summary>
    public sealed record SuspendedResult : ActivityResult
    {
        public static readonly SuspendedResult Instance = new();
    }

    /// <summary>Complete the enclosing flowchart at once (Elsa.End).</summary>
    public sealed record CompleteContainer : ActivityResult;

    /// <summary>Complete the whole workflow at once, cancelling every other branch (Elsa.Finish).</summary>
    public sealed record CompleteWorkflow : ActivityResult;
}

/// <summary>Thrown by an activity to fault with a code; <see cref="Retryable"/> false skips the retry policy.</summary>
public class ActivityFaultException(string code, string message, bool retryable = true, string? category = null) : Exception(message)
{
    public string Code { get; } = code;
    public string? Category { get; } = category;
    public bool Retryable { get; } = retryable;
}

public sealed class ActivityBindingException(string message, Exception? inner = null) : Exception(message, inner);
