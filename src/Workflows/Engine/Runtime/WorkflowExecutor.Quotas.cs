namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Per-instance quotas (<see cref="RuntimeOptions"/>): a published flow that loops on short waits or is resumed without
/// end stops with an incident instead of pinning a core and filling the journal.
/// </summary>
public sealed partial class WorkflowExecutor
{
    private static readonly TimeSpan StepWindow = TimeSpan.FromMinutes(1);

    private bool JournalFull => Environment.Limits.MaxJournalRecords > 0 && _state.JournalRecords >= Environment.Limits.MaxJournalRecords;

    /// <summary>Counts this step in the instance's current minute; false once it is one too many.</summary>
    private bool CountStep()
    {
        var now = Now;
        if (_state.StepWindowStart is not { } start || now - start >= StepWindow || now < start)
        {
            _state.StepWindowStart = now;
            _state.StepsInWindow = 0;
        }
        _state.StepsInWindow++;
        return Environment.Limits.MaxStepsPerMinute <= 0 || _state.StepsInWindow <= Environment.Limits.MaxStepsPerMinute;
    }

    /// <summary>
    /// Faults the whole instance, whatever its incident strategy: the quota is the instance's, not one branch's. The stopped
    /// execution is journaled as faulted (one record past a full journal), its incident says which quota.
    /// </summary>
    private async Task StopOverQuotaAsync(string executionId, string code, string message)
    {
        if (!_state.Executions.TryGetValue(executionId, out var execution))
            return;
        execution.Status = ActivityStatus.Faulted;
        execution.StartedAt ??= Now;
        if (execution.Sequence == 0)
            execution.Sequence = ++_state.Sequence;
        var exception = new ActivityFaultException(code, message, retryable: false);
        Journal(execution, ActivityStatus.Faulted, null, null, exception);
        _state.Incidents.Add(new Incident
        {
            ActivityId = execution.ActivityId,
            ActivityType = execution.ActivityType,
            ActivityExecutionId = execution.Id,
            Message = message,
            Code = code,
            ExceptionType = nameof(ActivityFaultException),
            Attempts = execution.Attempt,
            Timestamp = Now,
        });
        _state.Queue.Remove(execution.Id);
        _state.Executions.Remove(execution.Id);
        await CancelAllAsync();
        Status = WorkflowStatus.Faulted;
    }
}
