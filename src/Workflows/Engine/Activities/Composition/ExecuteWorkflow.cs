using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;

namespace ExportTaxCheck.Engine.Activities.Composition;

/// <summary>
/// Starts an instance of another published workflow and runs it at once (Elsa.ExecuteWorkflow). Its result is the
/// child's id, status and output; with WaitForCompletion, a child that waits is waited for, and the result is then the
/// output it finished with, as Elsa resumes it.
/// </summary>
[Activity("Elsa", "Composition", "Create a new workflow instance of the specified workflow and execute it.", Kind = ActivityKind.Task)]
public sealed class ExecuteWorkflow : Activity
{
    [Input(DisplayName = "Workflow Definition", Description = "The definition ID of the workflow to execute.", UIHint = UIHints.WorkflowDefinitionPicker)]
    public Input<string> WorkflowDefinitionId { get; set; } = null!;

    [Input(DisplayName = "Correlation ID", Description = "The correlation ID to associate the workflow with.")]
    public Input<string?> CorrelationId { get; set; } = null!;

    [Input(Description = "The input to send to the workflow.", UIHint = UIHints.JsonEditor)]
    public Input<object> Input { get; set; } = null!;

    [Input(Description = "Wait for the child workflow to complete before completing this activity.")]
    public Input<bool> WaitForCompletion { get; set; } = null!;

    [Output(Description = "The child's instance id, status, sub-status and output.")]
    public Output<object> Result { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var definitionId = await context.GetRequiredAsync(WorkflowDefinitionId);
        var wait = await context.GetAsync(WaitForCompletion);
        var input = ValueConverter.ToJson(await context.GetAsync(Input)) as JsonObject;
        var child = await ChildWorkflows.StartAsync(context, definitionId, input, await context.GetAsync(CorrelationId), wait, runNow: true);
        context.JournalData["childInstanceId"] = child.InstanceId;
        if (!wait || child.Status == WorkflowStatus.Finished)
        {
            context.SetOutput(Result.Name, Result.VariableId, ChildWorkflows.ResultOf(child));
            return Done();
        }

        ChildWorkflows.WaitFor(context, "Elsa.ExecuteWorkflow", child.InstanceId);
        return Suspend();
    }

    protected internal override ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        context.SetOutput(Result.Name, Result.VariableId, context.Resumption!.Input.DeepClone());
        return new(Done());
    }
}
