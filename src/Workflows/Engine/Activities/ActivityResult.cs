namespace ExportTaxCheck.Engine.Activities;

/// <summary>What an activity asks of the interpreter after it ran.</summary>
public abstract record ActivityResult
{
    private static readonly Completed DoneResult = new(["Done"]);

    public static ActivityResult Done() => DoneResult;

    public static ActivityResult Complete(IReadOnlyList<string> outcomes) => new Completed(outcomes);

    public static ActivityResult Suspend() => SuspendedResult.Instance;

    /// <summary>Stay running: the activity scheduled children (a loop's body, a sequence's next step) and waits for them.</summary>
    public static ActivityResult Pending() => PendingResult.Instance;

    /// <summary>Complete with the given outcome ports followed.</summary>
    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    /// <summary>Wait: the activity created at least one bookmark.</summary>
    public sealed record SuspendedResult : ActivityResult
    {
        public static readonly SuspendedResult Instance = new();
    }

    /// <summary>Running, waiting on the children it scheduled (Elsa: an activity that neither completed nor created a bookmark).</summary>
    public sealed record PendingResult : ActivityResult
    {
        public static readonly PendingResult Instance = new();
    }

    /// <summary>Complete the whole workflow at once, cancelling every other branch (Elsa.Finish).</summary>
    public sealed record CompleteWorkflow : ActivityResult;

    /// <summary>
    /// Break out of the nearest loop (Elsa.Break): the loops and sequences above learn they are breaking, then this
    /// activity completes as a terminal node.
    /// </summary>
    public sealed record BreakLoop : ActivityResult;

    /// <summary>
    /// Complete the nearest composite (a workflow used as an activity, else the workflow) with these outcomes (Elsa.Complete).
    /// </summary>
    public sealed record CompleteComposite(IReadOnlyList<string> Outcomes) : ActivityResult;
}
