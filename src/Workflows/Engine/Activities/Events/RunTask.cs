using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Activities.Events;

[Activity("Elsa", "Primitives", "Requests a task from an external worker and waits until it is completed through POST /elsa/api/tasks/{taskId}/complete.", DisplayName = "Run Task", Kind = ActivityKind.Task)]
public sealed class RunTask : Activity
{
    [Input(Description = "The name of the task being requested.")]
    public Input<string> TaskName { get; set; } = null!;

    [Input(Description = "Parameters sent with the task request.", UIHint = UIHints.JsonEditor)]
    public Input<object> Payload { get; set; } = null!;

    [Output(Description = "The result the worker completed the task with.")]
    public Output<object> Result { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var taskName = await context.GetRequiredAsync(TaskName);
        var taskId = Ids.New();
        var payload = ValueConverter.ToJson(await context.GetAsync(Payload));
        context.CreateBookmark(TaskBookmarks.Request("Elsa.RunTask", taskId,
            new JsonObject { ["taskId"] = taskId, ["taskName"] = taskName, ["taskPayload"] = payload }));
        context.JournalData["taskId"] = taskId;
        context.JournalData["taskName"] = taskName;
        return Suspend();
    }

    protected internal override ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        var input = context.Resumption!.Input;
        context.SetOutput(Result, input.TryGetPropertyValue("result", out var result) ? result?.DeepClone() : input.DeepClone());
        return new(Done());
    }
}
