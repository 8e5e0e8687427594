namespace ExportTaxCheck.Engine.Activities.Http;

/// <summary>
/// Sends an HTTP request (Elsa.SendHttpRequest, the structured form): runs the activity of the expected status code the
/// response has (else UnmatchedStatusCode), or FailedToConnect, or Timeout, and completes when that has.
/// </summary>
[Activity("Elsa", "HTTP", "Send an HTTP request.", DisplayName = "HTTP Request", Kind = ActivityKind.Task)]
public sealed class SendHttpRequest : SendHttpRequestBase
{
    [Input(Description = "A list of expected status codes to handle and the corresponding activity to execute when the status code matches.", UIHint = "http-status-codes", IsWrapped = false)]
    public List<HttpStatusCodeCase>? ExpectedStatusCodes { get; set; }

    [Port]
    public ActivityNode? UnmatchedStatusCode { get; set; }

    [Port]
    public ActivityNode? FailedToConnect { get; set; }

    [Port]
    public ActivityNode? Timeout { get; set; }

    public override IEnumerable<ActivityNode> GetChildren() =>
        (ExpectedStatusCodes ?? []).Select(c => c.Activity).Append(UnmatchedStatusCode).Append(FailedToConnect).Append(Timeout).OfType<ActivityNode>();

    protected override ValueTask<ActivityResult> OnResponseAsync(ActivityContext context, int statusCode)
    {
        var matching = (ExpectedStatusCodes ?? []).FirstOrDefault(c => c.StatusCode == statusCode);
        return Run(context, matching is not null ? matching.Activity : UnmatchedStatusCode);
    }

    protected override ValueTask<ActivityResult> OnFailedToConnectAsync(ActivityContext context) => Run(context, FailedToConnect);

    protected override ValueTask<ActivityResult> OnTimeoutAsync(ActivityContext context) => Run(context, Timeout);

    protected internal override ValueTask<ActivityResult> OnChildCompletedAsync(ActivityContext context, CompletedChild child) => new(Done());

    private static ValueTask<ActivityResult> Run(ActivityContext context, ActivityNode? activity) =>
        new(context.ScheduleChild(activity) ? Pending() : Done());
}
