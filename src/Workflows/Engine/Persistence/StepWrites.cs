namespace ExportTaxCheck.Engine.Persistence;

/// <summary>The engine's row writes of one step, as plain commands in the step's transaction (<see cref="StepSql"/>).</summary>
internal static class StepWrites
{
    /// <summary>Marks the resumed bookmark consumed; false when another step consumed or cancelled it first.</summary>
    public static async Task<bool> ConsumeBookmarkAsync(StepSql sql, string bookmarkId, DateTimeOffset now, CancellationToken ct) =>
        await sql.ExecuteAsync("""UPDATE "Bookmarks" SET "Status" = 'Consumed', "ClosedAt" = @t WHERE "Id" = @id AND "Status" = 'Active'""", ct,
            ("t", now), ("id", bookmarkId)) == 1;

    public static Task<int> CancelBookmarksAsync(StepSql sql, IReadOnlyCollection<string> bookmarkIds, DateTimeOffset now, CancellationToken ct) =>
        sql.ExecuteEachAsync("""UPDATE "Bookmarks" SET "Status" = 'Cancelled', "ClosedAt" = @p0 WHERE "Id" = @p1 AND "Status" = 'Active'""",
            bookmarkIds, id => [now, id], ct);

    public static Task<int> InsertInstanceAsync(StepSql sql, WorkflowInstanceRecord i, CancellationToken ct) =>
        sql.ExecuteEachAsync(
            """
            INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "DefinitionVersionId", "DefinitionVersion", "Name", "CorrelationId", "Status", "CreatedAt",
                "UpdatedAt", "FinishedAt", "IncidentCount", "State", "Revision", "ParentInstanceId", "LeaseUntil", "HeldAt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15)
            """,
            [i], r => [r.Id, r.DefinitionId, r.DefinitionVersionId, r.DefinitionVersion, r.Name, r.CorrelationId, r.Status, r.CreatedAt,
                r.UpdatedAt, r.FinishedAt, r.IncidentCount, r.State, r.Revision, r.ParentInstanceId, r.LeaseUntil, r.HeldAt], ct);

    /// <summary>
    /// Writes what a step may change on the instance row, only if nobody committed a change to it since it was read
    /// (<paramref name="readRevision"/>); false when somebody did.
    /// </summary>
    public static async Task<bool> UpdateInstanceAsync(StepSql sql, WorkflowInstanceRecord i, long readRevision, CancellationToken ct) =>
        await sql.ExecuteEachAsync(
            """
            UPDATE "WorkflowInstances" SET "DefinitionVersionId" = @p0, "DefinitionVersion" = @p1, "Name" = @p2, "CorrelationId" = @p3, "Status" = @p4,
                "UpdatedAt" = @p5, "FinishedAt" = @p6, "IncidentCount" = @p7, "State" = @p8, "Revision" = @p9, "HeldAt" = @p10
            WHERE "Id" = @p11 AND "Revision" = @p12
            """,
            [i], r => [r.DefinitionVersionId, r.DefinitionVersion, r.Name, r.CorrelationId, r.Status, r.UpdatedAt, r.FinishedAt, r.IncidentCount, r.State,
                r.Revision, r.HeldAt, r.Id, readRevision], ct) == 1;

    public static Task<int> InsertBookmarksAsync(StepSql sql, IReadOnlyCollection<BookmarkRecord> bookmarks, CancellationToken ct) =>
        sql.InsertAsync("Bookmarks",
            """ "Id", "InstanceId", "ActivityExecutionId", "ActivityId", "Name", "Hash", "CorrelationId", "Payload", "DueAt", "CreatedAt", "Status", "ClosedAt", "LeaseUntil", "HeldAt" """,
            bookmarks, b => [b.Id, b.InstanceId, b.ActivityExecutionId, b.ActivityId, b.Name, b.Hash, b.CorrelationId, b.Payload, b.DueAt, b.CreatedAt,
                b.Status, b.ClosedAt, b.LeaseUntil, b.HeldAt], ct);

    public static Task<int> InsertJournalAsync(StepSql sql, IReadOnlyCollection<ActivityExecutionRecord> records, CancellationToken ct) =>
        sql.InsertAsync("ActivityExecutions",
            """ "InstanceId", "ActivityId", "ActivityType", "ActivityName", "ActivityNodeId", "ParentActivityExecutionId", "Status", "Attempt", "StartedAt", "CompletedAt", "Outcomes", "Payload", "Inputs", "Outputs", "Exception", "HasBookmarks", "Sequence", "Id" """,
            records, r => [r.InstanceId, r.ActivityId, r.ActivityType, r.ActivityName, r.ActivityNodeId, r.ParentActivityExecutionId, r.Status, r.Attempt,
                r.StartedAt, r.CompletedAt, r.Outcomes, r.Payload, r.Inputs, r.Outputs, r.Exception, r.HasBookmarks, r.Sequence, r.Id], ct);

    /// <summary>What a later step changes on a journal record: its status and what the execution ended with.</summary>
    public static Task<int> UpdateJournalAsync(StepSql sql, IReadOnlyCollection<ActivityExecutionRecord> records, CancellationToken ct) =>
        sql.ExecuteEachAsync(
            """
            UPDATE "ActivityExecutions" SET "Status" = @p0, "CompletedAt" = @p1, "Outcomes" = @p2, "Payload" = @p3, "Inputs" = @p4, "Outputs" = @p5,
                "Exception" = @p6, "HasBookmarks" = @p7
            WHERE "Id" = @p8
            """,
            records, r => [r.Status, r.CompletedAt, r.Outcomes, r.Payload, r.Inputs, r.Outputs, r.Exception, r.HasBookmarks, r.Id], ct);

    public static Task<int> InsertLogAsync(StepSql sql, IReadOnlyCollection<ExecutionLogRecord> records, CancellationToken ct) =>
        sql.InsertAsync("ExecutionLog",
            """ "Id", "InstanceId", "ActivityExecutionId", "ParentActivityExecutionId", "ActivityId", "NodeId", "ActivityType", "ActivityName", "EventName", "Message", "Payload", "Timestamp", "Sequence" """,
            records, r => [r.Id, r.InstanceId, r.ActivityExecutionId, r.ParentActivityExecutionId, r.ActivityId, r.NodeId, r.ActivityType, r.ActivityName,
                r.EventName, r.Message, r.Payload, r.Timestamp, r.Sequence], ct);

    public static Task<int> InsertEventsAsync(StepSql sql, IReadOnlyCollection<PendingEventRecord> events, CancellationToken ct) =>
        sql.InsertAsync("PendingEvents", """ "Id", "EventName", "CorrelationId", "InstanceId", "Payload", "CreatedAt", "ProcessedAt" """,
            events, e => [e.Id, e.EventName, e.CorrelationId, e.InstanceId, e.Payload, e.CreatedAt, e.ProcessedAt], ct);

    public static Task<int> InsertIdempotencyAsync(StepSql sql, IdempotencyRecord k, CancellationToken ct) =>
        sql.ExecuteEachAsync(
            """INSERT INTO "IdempotencyKeys" ("Key", "Operation", "RequestHash", "StatusCode", "Response", "CreatedAt") VALUES (@p0, @p1, @p2, @p3, @p4, @p5)""",
            [k], r => [r.Key, r.Operation, r.RequestHash, r.StatusCode, r.Response, r.CreatedAt], ct);
}
