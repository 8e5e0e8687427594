namespace ExportTaxCheck.Engine.Activities;

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
    /// Throwing a <see cref="Problems.ProblemException"/> refuses the resume (the caller gets the problem, nothing is committed);
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
