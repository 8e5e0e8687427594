namespace ExportTaxCheck.Engine.Activities;

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
