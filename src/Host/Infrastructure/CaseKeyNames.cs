using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Case;

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
            ReferenceAsCaseId<OutboxItem>(info, m => CaseReference.CaseIdOf(m.ReferenceType, m.ReferenceId));
        else if (info.Type == typeof(OfficerNotice))
            ReferenceAsCaseId<OfficerNotice>(info, n => CaseReference.CaseIdOf(n.ReferenceType, n.ReferenceId));
    }

    private static void ReferenceAsCaseId<T>(JsonTypeInfo info, Func<T, string?> caseId)
    {
        var id = Find(info, nameof(OutboxItem.ReferenceId));
        id.Name = CaseId;
        id.Get = item => caseId((T)item);
        info.Properties.Remove(Find(info, nameof(OutboxItem.ReferenceType)));
    }

    private static JsonPropertyInfo Find(JsonTypeInfo info, string member) =>
        info.Properties.Single(p => p.AttributeProvider is MemberInfo m && m.Name == member);
}
