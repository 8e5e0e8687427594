namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// A task row by id, read with a plain statement (kept prepared on SQLite) on the unit of work's connection: every task
/// completion reads it twice (the command's check, and the step that closes the task), where an EF Core query costs
/// several times the read itself. The row is tracked as an EF Core query would track it (<see cref="TrackedEntities.Resolved"/>).
/// </summary>
internal static class HumanTaskRows
{
    private const string SelectById =
        """SELECT "Id", "InstanceId", "ActivityId", "ActivityExecutionId", "Title", "Description", "CorrelationId", "CandidateRole", "CandidateUsers", """
        + """ "Assignee", "Status", "Priority", "CreatedAt", "DueAt", "FollowUpAt", "ClaimedAt", "RemindAt", "RemindedAt", "EscalateAt", "EscalateTo", """
        + """ "EscalatedAt", "Outcomes", "Form", "ActivityType", "CompletedAt", "CompletedBy", "Outcome", "Result", "Comment", "Revision", "HeldAt" """
        + """FROM "HumanTasks" WHERE "Id" = @id""";

    public static async Task<HumanTaskRecord?> FindAsync(WorkflowDbContext db, string taskId, CancellationToken ct)
    {
        // A row the unit of work holds is not read again.
        if (db.Tracked<HumanTaskRecord>().FindEntry(taskId)?.Entity is { } held)
            return held;
        var row = (await (await SnapshotReads.OnAsync(db, ct)).QueryAsync(SelectById, Read, ct, ("id", taskId))).FirstOrDefault();
        return row is null ? null : db.Resolved(row, row.Id);
    }

    private static HumanTaskRecord Read(IDbRow r) => new()
    {
        Id = r.GetString(0), InstanceId = r.GetString(1), ActivityId = r.GetString(2), ActivityExecutionId = r.GetString(3), Title = r.GetString(4),
        Description = r.NullableString(5), CorrelationId = r.NullableString(6), CandidateRole = r.GetString(7), CandidateUsers = r.NullableString(8),
        Assignee = r.NullableString(9), Status = Enum.Parse<HumanTaskStatus>(r.GetString(10)), Priority = r.GetInt32(11), CreatedAt = r.GetTime(12),
        DueAt = r.NullableTime(13), FollowUpAt = r.NullableTime(14), ClaimedAt = r.NullableTime(15), RemindAt = r.NullableTime(16),
        RemindedAt = r.NullableTime(17), EscalateAt = r.NullableTime(18), EscalateTo = r.NullableString(19), EscalatedAt = r.NullableTime(20),
        Outcomes = r.GetString(21), Form = r.NullableString(22), ActivityType = r.NullableString(23), CompletedAt = r.NullableTime(24),
        CompletedBy = r.NullableString(25), Outcome = r.NullableString(26), Result = r.NullableString(27), Comment = r.NullableString(28),
        Revision = r.GetInt64(29), HeldAt = r.NullableTime(30),
    };
}
