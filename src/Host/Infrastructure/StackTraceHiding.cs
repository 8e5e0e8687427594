using System.Text.Json.Serialization.Metadata;
using ExportTaxCheck.Host.Api.WorkflowInstances;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// Outside Development an incident's stack trace stays in the database: API answers leave it out (it tells an attacker
/// the code's layout and the libraries' versions), wherever an incident is written.
/// </summary>
internal static class StackTraceHiding
{
    public static void Apply(JsonTypeInfo info)
    {
        if (info.Type != typeof(IncidentExceptionModel))
            return;
        var stackTrace = info.Properties.Single(p => string.Equals(p.Name, nameof(IncidentExceptionModel.StackTrace), StringComparison.OrdinalIgnoreCase));
        info.Properties.Remove(stackTrace);
    }
}
