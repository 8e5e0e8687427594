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

    /// <summary>Elsa's node id: the path of ids from the workflow down; unique in a graph where activity ids may repeat.</summary>
    public string NodeId { get; internal set; } = "";

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

    /// <summary>
    /// Runs when a child this activity scheduled (<see cref="ActivityContext.ScheduleChild"/>) has completed; a composite
    /// answers with its own completion, or <see cref="Pending"/> while it waits for more.
    /// </summary>
    protected internal virtual ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child) => new(ActivityResult.Done());

    /// <summary>
    /// A Break below was sent up (Elsa's break signal). True stops it here (a loop); false lets it go on up (a sequence
    /// notes it and passes it on).
    /// </summary>
    protected internal virtual bool OnBreak(ActivityContext context) => false;

    /// <summary>Runs when the activity is cancelled while it waits (withdrawal, another branch won, instance cancelled).</summary>
    protected internal virtual ValueTask OnCancelledAsync(ActivityContext context) => ValueTask.CompletedTask;

    /// <summary>The activities embedded in this one's properties (a loop's body, the branches of a fork), for the graph.</summary>
    public virtual IEnumerable<ActivityNode> GetChildren() => [];

    /// <summary>The variables this activity declares for its children (a loop's CurrentValue), for definition-time checks.</summary>
    public virtual IEnumerable<string> ScopeVariables => [];

    /// <summary>The outcome ports; null when they cannot be known before run time.</summary>
    public virtual IReadOnlyList<string>? GetOutcomes() => Descriptor.Outcomes;

    public virtual IEnumerable<ValidationError> Validate(ActivityValidationContext context) => [];

    protected static ActivityResult Done() => ActivityResult.Done();

    protected static ActivityResult Outcome(params string[] outcomes) => ActivityResult.Complete(outcomes);

    protected static ActivityResult Suspend() => ActivityResult.Suspend();

    protected static ActivityResult Pending() => ActivityResult.Pending();
}
