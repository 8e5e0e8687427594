using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;

namespace ExportTaxCheck.Host.Api;

/// <summary>Maps engine records to the JSON shapes Elsa clients read.</summary>
public static class ElsaModels
{
    /// <summary>Elsa shows status Running/Finished and a sub-status; ours is one enum.</summary>
    public static (string Status, string SubStatus) ElsaStatus(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => ("Running", "Executing"),
        WorkflowStatus.Suspended => ("Running", "Suspended"),
        WorkflowStatus.Finished => ("Finished", "Finished"),
        WorkflowStatus.Faulted => ("Finished", "Faulted"),
        _ => ("Finished", "Cancelled"),
    };

    public static object InstanceSummary(InstanceSummary i)
    {
        var (status, subStatus) = ElsaStatus(i.Status);
        return new
        {
            id = i.Id,
            definitionId = i.DefinitionId,
            definitionVersionId = i.DefinitionVersionId,
            version = i.Version,
            status,
            subStatus,
            correlationId = i.CorrelationId,
            name = i.Name,
            incidentCount = i.IncidentCount,
            isSystem = false,
            createdAt = i.CreatedAt,
            updatedAt = i.UpdatedAt,
            finishedAt = i.FinishedAt,
        };
    }

    public static object Instance(InstanceDetail detail)
    {
        var i = detail.Summary;
        var (status, subStatus) = ElsaStatus(i.Status);
        return new
        {
            id = i.Id,
            definitionId = i.DefinitionId,
            definitionVersionId = i.DefinitionVersionId,
            version = i.Version,
            status,
            subStatus,
            correlationId = i.CorrelationId,
            name = i.Name,
            incidentCount = i.IncidentCount,
            isSystem = false,
            createdAt = i.CreatedAt,
            updatedAt = i.UpdatedAt,
            finishedAt = i.FinishedAt,
            workflowState = WorkflowState(detail),
        };
    }

    public static object WorkflowState(InstanceDetail detail)
    {
        var i = detail.Summary;
        var state = detail.State;
        var (status, subStatus) = ElsaStatus(i.Status);
        return new
        {
            id = i.Id,
            definitionId = i.DefinitionId,
            definitionVersionId = i.DefinitionVersionId,
            definitionVersion = i.Version,
            correlationId = i.CorrelationId,
            name = i.Name,
            status,
            subStatus,
            bookmarks = detail.Bookmarks.Select(Bookmark).ToList(),
            incidents = state.Incidents.Select(Incident).ToList(),
            input = state.Input,
            output = state.Output,
            properties = state.Properties,
            variables = state.Variables,
            activityExecutionContexts = state.Executions.Values.Select(e => new
            {
                id = e.Id,
                parentContextId = e.ScopeId,
                scheduledActivityNodeId = e.ActivityId,
                status = e.Status.ToString(),
                startedAt = e.StartedAt,
                properties = e.Properties,
            }).ToList(),
            createdAt = i.CreatedAt,
            updatedAt = i.UpdatedAt,
            finishedAt = i.FinishedAt,
        };
    }

    public static object Bookmark(BookmarkInfo b) => new
    {
        id = b.Id,
        name = b.Name,
        activityId = b.ActivityId,
        activityNodeId = b.ActivityId,
        activityInstanceId = b.ActivityExecutionId,
        payload = b.Payload,
        dueAt = b.DueAt,
    };

    public static object Incident(Incident incident) => new
    {
        activityId = incident.ActivityId,
        activityNodeId = incident.ActivityId,
        activityType = incident.ActivityType,
        message = incident.Message,
        exception = new { type = incident.ExceptionType, message = incident.Message, stackTrace = incident.StackTrace },
        timestamp = incident.Timestamp,
        code = incident.Code,
        attempts = incident.Attempts,
    };

    public static object ActivityExecution(ActivityExecutionRecord r) => new
    {
        id = r.Id,
        workflowInstanceId = r.InstanceId,
        activityId = r.ActivityId,
        activityNodeId = r.ActivityNodeId ?? r.ActivityId,
        activityType = r.ActivityType,
        activityTypeVersion = 1,
        activityName = r.ActivityName,
        status = r.Status == ActivityStatus.Suspended ? "Running" : r.Status.ToString(),
        startedAt = r.StartedAt,
        completedAt = r.CompletedAt,
        hasBookmarks = r.HasBookmarks,
        payload = Parse(r.Payload),
        outputs = Parse(r.Outputs),
        outcomes = Parse(r.Outcomes),
        exception = Parse(r.Exception),
        attempt = r.Attempt,
        sequence = r.Sequence,
    };

    /// <summary>Elsa's journal is a log of events; each execution yields Started and, when it ended, its closing event.</summary>
    public static IEnumerable<object> LogRecords(ActivityExecutionRecord r, string definitionId, string versionId, int version)
    {
        object Record(string eventName, DateTimeOffset timestamp, long sequence, JsonNode? payload) => new
        {
            id = $"{r.Id}:{eventName}",
            workflowDefinitionId = definitionId,
            workflowDefinitionVersionId = versionId,
            workflowInstanceId = r.InstanceId,
            workflowVersion = version,
            activityInstanceId = r.Id,
            activityId = r.ActivityId,
            activityNodeId = r.ActivityNodeId ?? r.ActivityId,
            activityType = r.ActivityType,
            activityTypeVersion = 1,
            activityName = r.ActivityName,
            timestamp,
            sequence,
            eventName,
            message = eventName == "Faulted" ? Parse(r.Exception)?["message"]?.GetValue<string>() : null,
            payload,
        };

        yield return Record("Started", r.StartedAt, r.Sequence * 2, null);
        var closing = r.Status switch
        {
            ActivityStatus.Completed => "Completed",
            ActivityStatus.Faulted => "Faulted",
            ActivityStatus.Cancelled => "Canceled",
            ActivityStatus.Suspended => "Suspended",
            _ => null,
        };
        if (closing is not null)
            yield return Record(closing, r.CompletedAt ?? r.StartedAt, r.Sequence * 2 + 1, Parse(r.Payload));
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
