using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// The API's clients know the business key of a task, an officer notice and an outbox mail as <c>caseId</c>; the engine
/// calls it a correlation id (tasks) or a generic reference (notices, mails). This keeps the wire as it was: a task's
/// correlation id is written as <c>caseId</c>, and a notice's or a mail's <c>caseId</c> is the id of its reference when
/// that is a case (the reference type itself is not written).
/// </summary>
internal static class CaseKeyNames
{
    private const string CaseId = "caseId";

    public static void Apply(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
            return;
        if (info.Type == typeof(TaskItem))
            Find(info, nameof(TaskItem.CorrelationId)).Name = CaseId;
        else if (info.Type == typeof(OutboxItem))
            ReferenceAsCaseId(info, nameof(OutboxItem.ReferenceType), nameof(OutboxItem.ReferenceId),
                item => CaseReference.CaseIdOf(((OutboxItem)item).ReferenceType, ((OutboxItem)item).ReferenceId));
        else if (info.Type == typeof(OfficerNotice))
            ReferenceAsCaseId(info, nameof(OfficerNotice.ReferenceType), nameof(OfficerNotice.ReferenceId),
                item => CaseReference.CaseIdOf(((OfficerNotice)item).ReferenceType, ((OfficerNotice)item).ReferenceId));
    }

    /// <summary>The reference id's place in the answer is taken by <c>caseId</c>; the reference type leaves it.</summary>
    private static void ReferenceAsCaseId(JsonTypeInfo info, string typeMember, string idMember, Func<object, string?> caseId)
    {
        var id = Find(info, idMember);
        id.Name = CaseId;
        id.Get = caseId;
        info.Properties.Remove(Find(info, typeMember));
    }

    private static JsonPropertyInfo Find(JsonTypeInfo info, string member) =>
        info.Properties.Single(p => p.AttributeProvider is MemberInfo m && m.Name == member);
}
