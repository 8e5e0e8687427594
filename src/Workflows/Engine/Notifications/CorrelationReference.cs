namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// What an instance's correlation id refers to. The module that starts instances knows (the engine does not), and
/// declares it with <see cref="WorkflowEngineBuilder.UseCorrelationReference"/>; a flow's own e-mail and a task's notices
/// carry the correlation id as a reference of <see cref="Type"/>, and officers read <see cref="Noun"/> in a notice
/// ("Review" for {noun} {id} is still open).
/// </summary>
public sealed record CorrelationReference(string Type, string Noun)
{
    /// <summary>When no module said what correlation ids are.</summary>
    public static readonly CorrelationReference Default = new("Correlation", "correlation");

    /// <summary>The reference of an instance with <paramref name="correlationId"/>; none without one.</summary>
    public Reference? For(string? correlationId) => string.IsNullOrWhiteSpace(correlationId) ? null : new Reference(Type, correlationId);
}
